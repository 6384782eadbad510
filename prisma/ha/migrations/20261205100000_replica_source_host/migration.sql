-- Each replica row carries its account's source host, so that getAccountStatus counts the
-- accounts of one source replicated on one destination from an index alone (the join of
-- account_status with replica took 100 ms for 33,000 accounts).
ALTER TABLE `replica` ADD COLUMN `sourceHost` VARCHAR(255) NOT NULL DEFAULT '';

UPDATE `replica` r JOIN `account` a ON a.id = r.accountId SET r.sourceHost = a.mailHost;

CREATE INDEX `replica_destination_sourceHost_idx` ON `replica`(`destination`, `sourceHost`);

-- Covers every replica filter in account order, so COUNT(DISTINCT accountId) streams through one
-- index (replicaStatus unavailable over 120,000 replicas: 43 ms instead of 65-90 ms).
CREATE INDEX `replica_accountId_destination_state_idx` ON `replica`(`accountId`, `destination`, `state`);

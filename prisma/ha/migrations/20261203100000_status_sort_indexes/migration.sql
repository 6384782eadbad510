-- The worst replica lag per account, kept by the status reporters, and indexes so that
-- getAccountStatus sorts 100,000 accounts by lag, sequence or item id without a filesort.
ALTER TABLE `account_status` ADD COLUMN `maxLagEvents` INT(11) NOT NULL DEFAULT 0, ADD COLUMN `maxLagSeconds` DOUBLE NOT NULL DEFAULT 0;

CREATE INDEX `account_status_maxLagEvents_idx` ON `account_status`(`maxLagEvents`);

CREATE INDEX `account_status_maxLagSeconds_idx` ON `account_status`(`maxLagSeconds`);

CREATE INDEX `account_status_sequence_idx` ON `account_status`(`sequence`);

CREATE INDEX `account_status_itemId_idx` ON `account_status`(`itemId`);

-- The destination agent's readiness handshake and its phase in the materialized status.
ALTER TABLE `replica` ADD COLUMN `agentReadyAt` DATETIME(3) NULL AFTER `operationId`;

ALTER TABLE `replica_status` ADD COLUMN `phase` VARCHAR(32) NULL AFTER `lastError`;

-- The agent's consistency point after a snapshot, and the pause flag (orthogonal to the phase).
ALTER TABLE `replica_position` ADD COLUMN `consistent_seq` INT(11) NULL AFTER `snapshot_items`;

ALTER TABLE `replica_position` ADD COLUMN `paused` TINYINT(1) NOT NULL DEFAULT 0 AFTER `consistent_seq`;

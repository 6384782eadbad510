-- The status reporter reads only the replica positions that changed since its last report.
CREATE INDEX `replica_position_updated_at_idx` ON `replica_position`(`updated_at`);

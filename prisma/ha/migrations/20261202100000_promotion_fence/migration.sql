-- AlterTable: the fence a promotion puts on an account while the target drains its partition.
ALTER TABLE `account` ADD COLUMN `promotingTo` VARCHAR(255) NULL;

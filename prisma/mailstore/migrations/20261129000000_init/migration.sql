-- CreateTable
CREATE TABLE `mailbox` (
    `id` INT(11) NOT NULL AUTO_INCREMENT,
    `account_id` CHAR(36) NOT NULL,
    `state` ENUM('primary','replica','stale') NOT NULL DEFAULT 'primary',
    `epoch` INT(11) NOT NULL DEFAULT 1,
    `publishing` TINYINT(1) NOT NULL DEFAULT 0,
    `item_id_checkpoint` INT(11) NOT NULL DEFAULT 255,
    `change_checkpoint` INT(11) NOT NULL DEFAULT 0,
    `size_checkpoint` BIGINT(20) NOT NULL DEFAULT 0,
    `contact_count` INT(11) NOT NULL DEFAULT 0,
    `last_change_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `mailbox_account_id_key`(`account_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `mail_item` (
    `mailbox_id` INT(11) NOT NULL,
    `id` INT(11) NOT NULL,
    `type` TINYINT(4) NOT NULL,
    `parent_id` INT(11) NULL,
    `folder_id` INT(11) NULL,
    `date` INT(10) UNSIGNED NOT NULL,
    `size` BIGINT(20) NOT NULL DEFAULT 0,
    `locator` VARCHAR(1024) NULL,
    `blob_digest` VARCHAR(64) NULL,
    `unread` INT(11) NOT NULL DEFAULT 0,
    `flags` INT(11) NOT NULL DEFAULT 0,
    `tags` VARCHAR(1024) NOT NULL DEFAULT '',
    `sender` VARCHAR(255) NULL,
    `recipients` VARCHAR(1024) NULL,
    `subject` TEXT NULL,
    `name` VARCHAR(255) NULL,
    `metadata` MEDIUMTEXT NULL,
    `mod_metadata` INT(11) NOT NULL,
    `change_date` INT(10) UNSIGNED NOT NULL,
    `mod_content` INT(11) NOT NULL,
    `uuid` CHAR(36) NULL,
    PRIMARY KEY (`mailbox_id`, `id`),
    INDEX `mail_item_mailbox_id_parent_id_idx`(`mailbox_id`, `parent_id`),
    INDEX `mail_item_mailbox_id_type_idx`(`mailbox_id`, `type`),
    INDEX `mail_item_mailbox_id_mod_metadata_idx`(`mailbox_id`, `mod_metadata`),
    UNIQUE INDEX `mail_item_mailbox_id_folder_id_name_key`(`mailbox_id`, `folder_id`, `name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `tombstone` (
    `mailbox_id` INT(11) NOT NULL,
    `sequence` INT(11) NOT NULL,
    `date` INT(10) UNSIGNED NOT NULL,
    `type` TINYINT(4) NOT NULL,
    `ids` MEDIUMTEXT NOT NULL,
    PRIMARY KEY (`mailbox_id`, `sequence`, `type`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `outbox` (
    `id` BIGINT(20) NOT NULL AUTO_INCREMENT,
    `account_id` CHAR(36) NOT NULL,
    `seq` INT(11) NOT NULL,
    `epoch` INT(11) NOT NULL,
    `payload` MEDIUMTEXT NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `outbox_account_id_seq_idx`(`account_id`, `seq`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `relay_position` (
    `kafka_partition` INT(11) NOT NULL,
    `last_offset` BIGINT(20) NOT NULL,
    PRIMARY KEY (`kafka_partition`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `replica_position` (
    `account_id` CHAR(36) NOT NULL,
    `mailbox_id` INT(11) NOT NULL,
    `phase` ENUM('waiting_snapshot','snapshotting','active','paused','failed') NOT NULL DEFAULT 'waiting_snapshot',
    `applied_seq` INT(11) NOT NULL DEFAULT 0,
    `epoch` INT(11) NOT NULL DEFAULT 1,
    `snapshot_id` CHAR(36) NULL,
    `snapshot_seq` INT(11) NULL,
    `snapshot_items` INT(11) NOT NULL DEFAULT 0,
    `last_event_ts` DATETIME(3) NULL,
    `last_error` TEXT NULL,
    `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`account_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `replica_pending_event` (
    `account_id` CHAR(36) NOT NULL,
    `seq` INT(11) NOT NULL,
    `payload` MEDIUMTEXT NOT NULL,
    PRIMARY KEY (`account_id`, `seq`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;


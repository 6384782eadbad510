-- CreateTable
CREATE TABLE `domain` (
    `id` INT(11) NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(255) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `domain_name_key`(`name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `account` (
    `id` CHAR(36) NOT NULL,
    `name` VARCHAR(320) NOT NULL,
    `domainId` INT(11) NOT NULL,
    `mailHost` VARCHAR(255) NOT NULL,
    `epoch` INT(11) NOT NULL DEFAULT 1,
    `kind` ENUM('account','distribution_list') NOT NULL DEFAULT 'account',
    `haPaused` TINYINT(1) NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `account_name_key`(`name`),
    INDEX `account_domainId_name_idx`(`domainId`, `name`),
    INDEX `account_mailHost_name_idx`(`mailHost`, `name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `mailstore_server` (
    `host` VARCHAR(255) NOT NULL,
    `apiUrl` VARCHAR(512) NOT NULL,
    `heartbeatAt` DATETIME(3) NULL,
    `agentAlive` TINYINT(1) NOT NULL DEFAULT 0,
    `kafkaReachable` TINYINT(1) NOT NULL DEFAULT 0,
    `moduleRunning` TINYINT(1) NOT NULL DEFAULT 0,
    `nodeVersion` VARCHAR(64) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`host`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `volume` (
    `id` INT(11) NOT NULL AUTO_INCREMENT,
    `serverHost` VARCHAR(255) NOT NULL,
    `name` VARCHAR(128) NOT NULL,
    `kind` ENUM('primary','secondary','index') NOT NULL DEFAULT 'primary',
    `path` VARCHAR(1024) NOT NULL,
    `centralized` TINYINT(1) NOT NULL DEFAULT 0,
    PRIMARY KEY (`id`),
    UNIQUE INDEX `volume_serverHost_name_key`(`serverHost`, `name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `replica` (
    `id` INT(11) NOT NULL AUTO_INCREMENT,
    `accountId` CHAR(36) NOT NULL,
    `destination` VARCHAR(255) NOT NULL,
    `priority` INT(11) NOT NULL,
    `state` ENUM('initializing','active','paused','failed','removing') NOT NULL DEFAULT 'initializing',
    `snapshotState` ENUM('pending','running','done') NOT NULL DEFAULT 'pending',
    `snapshotId` CHAR(36) NULL,
    `snapshotSeq` INT(11) NULL,
    `snapshotCursor` INT(11) NULL,
    `snapshotItems` INT(11) NOT NULL DEFAULT 0,
    `lastError` TEXT NULL,
    `operationId` CHAR(36) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `activeSince` DATETIME(3) NULL,
    `updatedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `replica_destination_state_idx`(`destination`, `state`),
    INDEX `replica_state_idx`(`state`),
    UNIQUE INDEX `replica_accountId_destination_key`(`accountId`, `destination`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `topology_change` (
    `id` BIGINT(20) NOT NULL AUTO_INCREMENT,
    `accountId` CHAR(36) NOT NULL,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `topology_change_at_idx`(`at`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `account_status` (
    `accountId` CHAR(36) NOT NULL,
    `mailHost` VARCHAR(255) NOT NULL,
    `mailboxId` INT(11) NOT NULL,
    `sequence` INT(11) NOT NULL,
    `itemId` INT(11) NOT NULL,
    `lastChangeAt` DATETIME(3) NULL,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`accountId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `replica_status` (
    `replicaId` INT(11) NOT NULL,
    `accountId` CHAR(36) NOT NULL,
    `destination` VARCHAR(255) NOT NULL,
    `mailboxId` INT(11) NULL,
    `sequence` INT(11) NOT NULL DEFAULT 0,
    `itemId` INT(11) NOT NULL DEFAULT 0,
    `sourceSequence` INT(11) NOT NULL DEFAULT 0,
    `lagEvents` INT(11) NOT NULL DEFAULT 0,
    `lagSeconds` DOUBLE NOT NULL DEFAULT 0,
    `lastAppliedAt` DATETIME(3) NULL,
    `canConnectToKafka` TINYINT(1) NOT NULL DEFAULT 0,
    `lastError` TEXT NULL,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`replicaId`),
    INDEX `replica_status_accountId_idx`(`accountId`),
    INDEX `replica_status_destination_lagEvents_idx`(`destination`, `lagEvents`),
    INDEX `replica_status_lagEvents_idx`(`lagEvents`),
    INDEX `replica_status_lagSeconds_idx`(`lagSeconds`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `lag_sample` (
    `id` BIGINT(20) NOT NULL AUTO_INCREMENT,
    `replicaId` INT(11) NOT NULL,
    `at` DATETIME(3) NOT NULL,
    `lagEvents` INT(11) NOT NULL,
    `lagSeconds` DOUBLE NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `lag_sample_replicaId_at_idx`(`replicaId`, `at`),
    INDEX `lag_sample_at_idx`(`at`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `operation` (
    `id` CHAR(36) NOT NULL,
    `kind` ENUM('setAccountDestination','promoteAccounts','removeAccountDestination','pauseReplicas','restartReplicas') NOT NULL,
    `state` ENUM('queued','running','succeeded','partial','failed') NOT NULL DEFAULT 'queued',
    `params` LONGTEXT NOT NULL,
    `total` INT(11) NOT NULL DEFAULT 0,
    `done` INT(11) NOT NULL DEFAULT 0,
    `failed` INT(11) NOT NULL DEFAULT 0,
    `message` TEXT NULL,
    `actor` VARCHAR(320) NOT NULL,
    `origin` VARCHAR(32) NOT NULL,
    `leaseOwner` VARCHAR(255) NULL,
    `leaseUntil` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `startedAt` DATETIME(3) NULL,
    `endedAt` DATETIME(3) NULL,
    PRIMARY KEY (`id`),
    INDEX `operation_state_createdAt_idx`(`state`, `createdAt`),
    INDEX `operation_createdAt_idx`(`createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `operation_item` (
    `id` BIGINT(20) NOT NULL AUTO_INCREMENT,
    `operationId` CHAR(36) NOT NULL,
    `accountId` CHAR(36) NULL,
    `accountName` VARCHAR(320) NOT NULL,
    `destination` VARCHAR(255) NULL,
    `state` ENUM('pending','running','succeeded','failed','skipped') NOT NULL DEFAULT 'pending',
    `message` TEXT NULL,
    `updatedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `operation_item_operationId_state_idx`(`operationId`, `state`),
    INDEX `operation_item_accountId_idx`(`accountId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `promotion` (
    `id` BIGINT(20) NOT NULL AUTO_INCREMENT,
    `operationId` CHAR(36) NOT NULL,
    `accountId` CHAR(36) NOT NULL,
    `accountName` VARCHAR(320) NOT NULL,
    `fromHost` VARCHAR(255) NOT NULL,
    `toHost` VARCHAR(255) NULL,
    `actor` VARCHAR(320) NOT NULL,
    `startedAt` DATETIME(3) NOT NULL,
    `endedAt` DATETIME(3) NOT NULL,
    `durationMs` INT(11) NOT NULL,
    `eventsDrained` INT(11) NOT NULL DEFAULT 0,
    `result` VARCHAR(32) NOT NULL,
    `message` TEXT NULL,
    PRIMARY KEY (`id`),
    INDEX `promotion_startedAt_idx`(`startedAt`),
    INDEX `promotion_accountId_startedAt_idx`(`accountId`, `startedAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `notification` (
    `id` BIGINT(20) NOT NULL AUTO_INCREMENT,
    `kind` VARCHAR(64) NOT NULL,
    `title` VARCHAR(255) NOT NULL,
    `body` TEXT NOT NULL,
    `operationId` CHAR(36) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `readAt` DATETIME(3) NULL,
    PRIMARY KEY (`id`),
    INDEX `notification_readAt_createdAt_idx`(`readAt`, `createdAt`),
    INDEX `notification_createdAt_idx`(`createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `admin_user` (
    `id` INT(11) NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(320) NOT NULL,
    `passwordHash` VARCHAR(255) NOT NULL,
    `role` ENUM('global_admin','domain_admin') NOT NULL DEFAULT 'global_admin',
    `failedLogins` INT(11) NOT NULL DEFAULT 0,
    `lockedUntil` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `admin_user_email_key`(`email`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `admin_domain` (
    `userId` INT(11) NOT NULL,
    `domain` VARCHAR(255) NOT NULL,
    PRIMARY KEY (`userId`, `domain`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `admin_session` (
    `id` CHAR(64) NOT NULL,
    `userId` INT(11) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `expiresAt` DATETIME(3) NOT NULL,
    `endedAt` DATETIME(3) NULL,
    `remoteAddr` VARCHAR(64) NULL,
    PRIMARY KEY (`id`),
    INDEX `admin_session_userId_idx`(`userId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `login_attempt` (
    `id` BIGINT(20) NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(320) NOT NULL,
    `remoteAddr` VARCHAR(64) NOT NULL,
    `succeeded` TINYINT(1) NOT NULL,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `login_attempt_email_at_idx`(`email`, `at`),
    INDEX `login_attempt_remoteAddr_at_idx`(`remoteAddr`, `at`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `audit_log` (
    `id` BIGINT(20) NOT NULL AUTO_INCREMENT,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `actor` VARCHAR(320) NOT NULL,
    `role` VARCHAR(32) NOT NULL,
    `origin` VARCHAR(32) NOT NULL,
    `remoteAddr` VARCHAR(64) NULL,
    `action` VARCHAR(64) NOT NULL,
    `params` LONGTEXT NOT NULL,
    `result` VARCHAR(32) NOT NULL,
    `message` TEXT NULL,
    PRIMARY KEY (`id`),
    INDEX `audit_log_at_idx`(`at`),
    INDEX `audit_log_actor_at_idx`(`actor`, `at`),
    INDEX `audit_log_action_at_idx`(`action`, `at`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `global_config` (
    `key` VARCHAR(128) NOT NULL,
    `value` TEXT NOT NULL,
    `updatedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`key`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `license` (
    `module` VARCHAR(64) NOT NULL,
    `quantity` INT(11) NOT NULL,
    `licensed` TINYINT(1) NOT NULL DEFAULT 1,
    `validUntil` DATETIME(3) NULL,
    `updatedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`module`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `account` ADD CONSTRAINT `account_domainId_fkey` FOREIGN KEY (`domainId`) REFERENCES `domain`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `volume` ADD CONSTRAINT `volume_serverHost_fkey` FOREIGN KEY (`serverHost`) REFERENCES `mailstore_server`(`host`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `replica` ADD CONSTRAINT `replica_accountId_fkey` FOREIGN KEY (`accountId`) REFERENCES `account`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `operation_item` ADD CONSTRAINT `operation_item_operationId_fkey` FOREIGN KEY (`operationId`) REFERENCES `operation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `admin_domain` ADD CONSTRAINT `admin_domain_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `admin_user`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `admin_session` ADD CONSTRAINT `admin_session_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `admin_user`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;


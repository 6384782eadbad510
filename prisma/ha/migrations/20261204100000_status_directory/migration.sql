-- account_status becomes the directory of replicated accounts for getAccountStatus: name, domain
-- and pause flag copied from account, with indexes for each filter in name order.
ALTER TABLE `account_status` ADD COLUMN `accountName` VARCHAR(320) NOT NULL DEFAULT '', ADD COLUMN `domainId` INT(11) NOT NULL DEFAULT 0, ADD COLUMN `paused` TINYINT(1) NOT NULL DEFAULT 0;

UPDATE `account_status` s JOIN `account` a ON a.id = s.accountId SET s.accountName = a.name, s.domainId = a.domainId, s.paused = a.haPaused;

CREATE INDEX `account_status_accountName_idx` ON `account_status`(`accountName`);

CREATE INDEX `account_status_mailHost_accountName_idx` ON `account_status`(`mailHost`, `accountName`);

CREATE INDEX `account_status_domainId_accountName_idx` ON `account_status`(`domainId`, `accountName`);

CREATE INDEX `account_status_paused_accountName_idx` ON `account_status`(`paused`, `accountName`);

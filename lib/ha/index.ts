// The core's commands, one verb per file: the console's route handlers and the CLI call these.
export { createHaContext, type HaContext, type HaContextHandle } from './context';
export { setAccountDestination } from './set-account-destination';
export { getAccountStatus, streamAccountStatus } from './get-account-status';
export { pauseReplicas } from './pause-replicas';
export { restartReplicas } from './restart-replicas';
export { removeAccountDestination } from './remove-account-destination';
export { verifyAccount } from './verify-account';
export { promoteAccounts } from './promote-accounts';
export { listPromotions } from './list-promotions';
export { getOperation, listOperations } from './operations/store';
export { waitForOperation } from './operations/wait';
export { registerOperationHandler, type OperationHandler, type OperationJob, type OperationResult } from './operations/registry';
export { listNotifications, unreadNotificationCount, markNotificationsRead } from './notifications';
export { parseInputFile } from './input-file';
export { getLicenseInfo } from './license';
export { getBrokers, setBrokers } from './config-brokers';
export { testBrokers } from './test-brokers';
export { getServices, doStartService, doStopService, doRestartService } from './services';

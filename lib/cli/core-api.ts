// Everything the CLI calls in the core, loaded on demand (lib/cli/load-core.ts) so that help and
// usage errors answer without loading Prisma and kafkajs.
export { createHaContext } from '../ha/context';
export {
  setAccountDestination, streamAccountStatus, pauseReplicas, restartReplicas, removeAccountDestination, verifyAccount,
  getOperation, waitForOperation, getLicenseInfo, promoteAccounts, listPromotions,
} from '../ha';
export { getBrokers, setBrokers } from '../ha/config-brokers';
export { probeBrokers, testBrokers } from '../ha/test-brokers';
export { getServices, doStartService, doStopService, doRestartService } from '../ha/services';

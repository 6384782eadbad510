/**
 * The sizes of one benchmark run. `full` is what the goals are written for; `quick` keeps
 * the whole run under three minutes on a two-core machine (figures indicative only); `tiny`
 * only proves that every scenario runs (the smoke test in `npm test`).
 */
export interface BenchProfile {
  name: 'full' | 'quick' | 'tiny';
  /** Accounts whose events the publish and apply throughput runs carry, and events per account. */
  throughputAccounts: number;
  eventsPerAccount: number;
  /** Events per account published and applied before those runs (warm-up). */
  throughputWarmupPerAccount: number;
  /** End-to-end lag: protected accounts (also the failover's accounts), offered rate, seconds measured after a warm-up. */
  lagAccounts: number;
  lagRate: number;
  lagWarmupSeconds: number;
  lagSeconds: number;
  /** Windows below saturation looking for the highest rate whose p99 meets the goal. */
  lagSearchWindows: number;
  /** Pairs of protected/unprotected writes for the synchronous overhead (after warm-up pairs). */
  overheadPairs: number;
  overheadWarmup: number;
  /** Items of the mailbox of the initial sync (and of its warm-up mailbox). */
  syncItems: number;
  syncWarmupItems: number;
  /** Switchovers of one account each (the median is reported). */
  switchovers: number;
  /** Accounts of the status and console fixture; runs of each getAccountStatus shape. */
  statusAccounts: number;
  statusRuns: number;
  /** Page loads of the console's status page (the median is reported). */
  consoleLoads: number;
}

export const PROFILES: Record<BenchProfile['name'], BenchProfile> = {
  full: {
    name: 'full', throughputAccounts: 100, eventsPerAccount: 1000, throughputWarmupPerAccount: 50, lagAccounts: 1000, lagRate: 2000, lagWarmupSeconds: 10, lagSeconds: 30, lagSearchWindows: 3,
    overheadPairs: 200, overheadWarmup: 20, syncItems: 100_000, syncWarmupItems: 2000, switchovers: 5, statusAccounts: 100_000, statusRuns: 10, consoleLoads: 5,
  },
  quick: {
    name: 'quick', throughputAccounts: 100, eventsPerAccount: 1000, throughputWarmupPerAccount: 25, lagAccounts: 100, lagRate: 2000, lagWarmupSeconds: 3, lagSeconds: 6, lagSearchWindows: 2,
    overheadPairs: 40, overheadWarmup: 10, syncItems: 30_000, syncWarmupItems: 1000, switchovers: 3, statusAccounts: 10_000, statusRuns: 5, consoleLoads: 3,
  },
  tiny: {
    name: 'tiny', throughputAccounts: 10, eventsPerAccount: 50, throughputWarmupPerAccount: 5, lagAccounts: 20, lagRate: 100, lagWarmupSeconds: 1, lagSeconds: 3, lagSearchWindows: 1,
    overheadPairs: 10, overheadWarmup: 2, syncItems: 500, syncWarmupItems: 50, switchovers: 1, statusAccounts: 1000, statusRuns: 2, consoleLoads: 1,
  },
};

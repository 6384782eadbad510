import type { BenchAccount } from './accounts';
import type { BenchProfile } from './profile';
import type { BenchResult } from './result';
import type { RssSampler } from './rss-sampler';
import type { SyntheticLoad } from './synthetic-events';
import type { BenchWorld } from './world';

/** The 100,000-account HA database of the status and console runs (no node reads it). */
export interface StatusFixture {
  prefix: string;
  haDbUrl: string;
  accounts: number;
  hosts: string[];
}

/** Fixtures the scenarios share, created on first use (see fixtures.ts). */
export interface Fixtures {
  /** Accounts on the `other` mailstore replicated to `destination`: throughput, switchover. */
  throughputAccounts(): Promise<BenchAccount[]>;
  /** Accounts on the `source` mailstore replicated to `destination`: lag, overhead, failover. */
  protectedAccounts(): Promise<BenchAccount[]>;
  /** One account on the `source` mailstore without replicas, its mailbox provisioned. */
  plainAccount(): Promise<BenchAccount>;
  /** As many accounts as the lag run's, on the `source` mailstore, without replicas: the lag's limit. */
  plainAccounts(): Promise<BenchAccount[]>;
  /** The backlog the publish run put in Kafka for the apply run (the destination's agent stopped). */
  backlog?: SyntheticLoad;
  status?: StatusFixture;
}

export interface BenchContext {
  world: BenchWorld;
  profile: BenchProfile;
  fixtures: Fixtures;
  rss: RssSampler;
  log(line: string): void;
}

/** One scenario: its results (one or more lines of the table). */
export type Scenario = (b: BenchContext) => Promise<BenchResult[]>;

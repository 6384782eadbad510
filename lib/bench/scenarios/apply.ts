import type { BenchContext } from '../context';
import { describeStealPair, withCpuShare } from '../cpu-times';
import { rawInsertRate } from '../limits';
import { followProgress } from '../progress';
import { atLeast, result, type BenchResult } from '../result';
import { publishBacklog } from './publish';

export const APPLY_GOAL = atLeast(20_000, 'events/s', 0.5);

/**
 * Apply throughput of one destination, batched: the destination's agent (stopped while the
 * publish run filled Kafka) starts and drains the backlog; the rate is its applied counter
 * between 10% and 90%. The limit: the raw `mariadb` batched insert of the same rows into the
 * same database, right after (best of two runs).
 */
export async function applyScenario(b: BenchContext): Promise<BenchResult[]> {
  const load = b.fixtures.backlog ?? (await publishBacklog(b)).load;
  b.fixtures.backlog = undefined;
  const dest = b.world.nodes.destination;
  const before = (await dest.agentStats()).applied;
  b.rss.start();
  const run = await withCpuShare(async () => {
    await dest.module('start');
    return followProgress({ total: load.records.length, what: 'applying the backlog', timeoutMs: 600_000, read: async () => (await dest.agentStats()).applied - before });
  }).finally(() => b.rss.stop());
  const p = run.value;
  const raw = await withCpuShare(async () => Math.max(await rawInsertRate(b.world.db.destination, load.items), await rawInsertRate(b.world.db.destination, load.items)));
  return [result({
    name: 'apply throughput', value: p.rate, unit: 'events/s', goal: APPLY_GOAL, limit: raw.value,
    detail: `${load.records.length} events consumed from Kafka, decoded and applied by the agent in ${p.seconds.toFixed(1)} s (incl. joining its group); ` +
      `limit: raw batched INSERT of the same rows, 2,000 per transaction${describeStealPair(run.cpu, raw.cpu)}`,
  })];
}

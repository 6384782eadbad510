import { histogramDelta, histogramQuantile, type HistogramSnapshot } from '../../replication/latency-histogram';
import { runTraffic } from '../../traffic/run-traffic';
import type { BenchContext } from '../context';
import { below, result, type BenchResult } from '../result';

export const LAG_GOAL = below(100, 'ms', 'p99');
const STAGE_LABEL: Record<string, string> = { published: 'commit to Kafka send', delivered: 'send to agent batch', applied: 'batch to replica commit' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * End-to-end lag under steady traffic: the realistic mix of mailbox operations (lib/traffic) at
 * the profile's rate over the protected accounts of the `source` mailstore. Lag = the agent's
 * commit time minus the source's commit time carried in the event (`ts`), from the
 * destination's latency histogram over the measured window (after the warm-up).
 */
export async function lagScenario(b: BenchContext): Promise<BenchResult[]> {
  const { nodes, haDbUrl } = b.world;
  const accounts = await b.fixtures.protectedAccounts();
  const { lagRate: rate, lagWarmupSeconds: warmup, lagSeconds: seconds } = b.profile;
  const abort = new AbortController();
  b.rss.start();
  try {
    const traffic = runTraffic({ haDbUrl, accounts: accounts.map((a) => a.name), rate, seconds: warmup + seconds + 60, signal: abort.signal, perAccountConcurrency: 2 });
    let measured: { latency: HistogramSnapshot; stages: [string, HistogramSnapshot][]; published: number; seconds: number };
    try {
      await sleep(warmup * 1000);
      const [h0, r0] = await Promise.all([nodes.destination.agentStats(), nodes.source.relayStats()]);
      const t0 = performance.now();
      await sleep(seconds * 1000);
      const [h1, r1] = await Promise.all([nodes.destination.agentStats(), nodes.source.relayStats()]);
      const stages = (['published', 'delivered', 'applied'] as const).map((k): [string, HistogramSnapshot] => [k, histogramDelta(h0.stages[k], h1.stages[k])]);
      measured = { latency: histogramDelta(h0.latency, h1.latency), stages, published: r1.published - r0.published, seconds: (performance.now() - t0) / 1000 };
    } finally {
      abort.abort();
    }
    const counts = await traffic;
    const p50 = histogramQuantile(measured.latency, 0.5);
    const p99 = histogramQuantile(measured.latency, 0.99);
    if (!measured.latency.count) throw new Error(`no event was applied in the ${seconds} s window (traffic: ${JSON.stringify(counts.errors)})`);
    const achieved = measured.published / measured.seconds;
    return [result({
      name: 'end-to-end lag p99', value: p99, unit: 'ms', goal: LAG_GOAL,
      detail: `p50 ${p50} ms, mean ${(measured.latency.sumMs / measured.latency.count).toFixed(1)} ms over ${measured.latency.count} events in ${seconds} s; ` +
        `${Math.round(achieved)} events/s published (offered ${rate} operations/s over ${accounts.length} accounts; ${counts.skipped} ticks skipped with every account busy, ${counts.failed} failed); ` +
        `stages p50/p99: ${measured.stages.map(([k, h]) => `${STAGE_LABEL[k]} ${histogramQuantile(h, 0.5)}/${histogramQuantile(h, 0.99)} ms`).join(', ')}; ` +
        `write latency seen by the clients p50 ${counts.latency.p50} ms, p95 ${counts.latency.p95} ms`,
    })];
  } finally {
    b.rss.stop();
  }
}

import { sleep } from '../../util/sleep';
import { histogramDelta, histogramQuantile, type HistogramSnapshot } from '../../replication/latency-histogram';
import { runTraffic, type TrafficCounts } from '../../traffic/run-traffic';
import type { BenchAccount } from '../accounts';
import type { BenchContext } from '../context';
import { below, result, type BenchResult } from '../result';
import { highestMeeting, nextProbeRate, type LagProbe } from './lag-search';

const LAG_GOAL_MS = 100;
export const LAG_GOAL = below(LAG_GOAL_MS, 'ms', 'p99');
const STAGES = ['published', 'delivered', 'applied'] as const;
const STAGE_LABEL: Record<(typeof STAGES)[number], string> = { published: 'commit to Kafka send', delivered: 'send to agent batch', applied: 'batch to replica commit' };

interface LagWindow {
  rate: number;
  latency: HistogramSnapshot;
  stages: [(typeof STAGES)[number], HistogramSnapshot][];
  /** Events published per second during the window (what the source really committed). */
  achieved: number;
  traffic: TrafficCounts;
}

/** Realistic traffic at `rate` operations/s; the destination's latency histograms over `seconds` after `warmup`. */
async function measureWindow(b: BenchContext, accounts: BenchAccount[], rate: number, warmup: number, seconds: number): Promise<LagWindow> {
  const { nodes, haDbUrl } = b.world;
  const abort = new AbortController();
  const traffic = runTraffic({ haDbUrl, accounts: accounts.map((a) => a.name), rate, seconds: warmup + seconds + 60, signal: abort.signal, perAccountConcurrency: 2 });
  try {
    // Each traffic account bootstraps first (provision, read folders): the warm-up starts once events flow.
    const start = (await nodes.source.relayStats()).published;
    const deadline = Date.now() + 120_000;
    while ((await nodes.source.relayStats()).published === start) {
      if (Date.now() > deadline) throw new Error(`no protected write was published within 120 s of starting traffic at ${rate} operations/s`);
      await sleep(100);
    }
    await sleep(warmup * 1000);
    const [h0, r0] = await Promise.all([nodes.destination.agentStats(), nodes.source.relayStats()]);
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const [h1, r1] = await Promise.all([nodes.destination.agentStats(), nodes.source.relayStats()]);
    const elapsed = (performance.now() - t0) / 1000;
    abort.abort();
    const latency = histogramDelta(h0.latency, h1.latency);
    if (!latency.count) throw new Error(`no event was applied in a ${seconds} s window at ${rate} operations/s`);
    return { rate, latency, stages: STAGES.map((k) => [k, histogramDelta(h0.stages[k], h1.stages[k])]), achieved: (r1.published - r0.published) / elapsed, traffic: await traffic };
  } finally {
    abort.abort();
    await traffic.catch(() => undefined);
  }
}

interface Capacity {
  /** Operations acknowledged per second over the measured window. */
  rate: number;
  traffic: TrafficCounts;
}

/**
 * The lag's limit: the same traffic at the same offered rate to as many accounts without
 * replicas on the same mailstore (nothing goes to the outbox, Kafka or a destination). What it
 * commits is the most this machine can commit of these operations at all, replicated or not.
 */
async function measureCapacity(b: BenchContext, accounts: BenchAccount[], rate: number, warmup: number, seconds: number): Promise<Capacity> {
  const abort = new AbortController();
  let mark: { acked: number; at: number } | undefined;
  let measured: number | undefined;
  const traffic = await runTraffic({
    haDbUrl: b.world.haDbUrl, accounts: accounts.map((a) => a.name), rate, seconds: warmup + seconds + 30, signal: abort.signal, perAccountConcurrency: 2,
    onProgress: (c) => {
      if (!mark) {
        if (c.elapsedMs >= warmup * 1000) mark = { acked: c.acked, at: c.elapsedMs };
      } else if (c.elapsedMs - mark.at >= seconds * 1000) {
        measured = (c.acked - mark.acked) / ((c.elapsedMs - mark.at) / 1000);
        abort.abort();
      }
    },
  });
  if (measured === undefined) throw new Error(`the unprotected traffic at ${rate} operations/s ended before its ${seconds} s window`);
  if (!measured) throw new Error(`no unprotected operation was acknowledged in a ${seconds} s window at ${rate} operations/s${failures(traffic)}`);
  return { rate: measured, traffic };
}

const q = (h: HistogramSnapshot, p: number) => histogramQuantile(h, p);
const failures = (t: TrafficCounts) => (t.failed ? ` (${Object.entries(t.errors).map(([code, n]) => `${n} ${code}`).join(', ')})` : '');
function describe(w: LagWindow, accounts: number): string {
  return `p50 ${q(w.latency, 0.5)} ms over ${w.latency.count} events at ${Math.round(w.achieved)} events/s published ` +
    `(offered ${w.rate} operations/s over ${accounts} accounts, ${w.traffic.failed} failed${failures(w.traffic)}, client write latency p50 ${w.traffic.latency.p50} ms); ` +
    `stages p50/p99: ${w.stages.map(([k, h]) => `${STAGE_LABEL[k]} ${q(h, 0.5)}/${q(h, 0.99)} ms`).join(', ')}`;
}

/** The source committed less than 90% of the offered rate. */
const saturatedAt = (w: LagWindow) => w.achieved < 0.9 * w.rate;

/**
 * When the source could not commit the offered rate: windows at lower rates (half the rate it
 * reached, then narrowing, `lagSearchWindows` of them) for the highest rate whose p99 meets the
 * goal on this machine, and the detail of the best of them.
 */
async function belowSaturation(b: BenchContext, accounts: BenchAccount[], main: LagWindow): Promise<string> {
  const { lagWarmupSeconds: warmup, lagSeconds: seconds, lagSearchWindows } = b.profile;
  const probes: LagProbe[] = [{ rate: main.achieved, p99: q(main.latency, 0.99) }];
  const windows: LagWindow[] = [];
  for (let i = 0; i < lagSearchWindows; i++) {
    const rate = nextProbeRate(probes, LAG_GOAL_MS);
    if (rate === undefined) break;
    const w = await measureWindow(b, accounts, rate, warmup, seconds);
    windows.push(w);
    // A window that could not carry its rate is saturated too, whatever its p99.
    probes.push({ rate, p99: saturatedAt(w) ? Math.max(LAG_GOAL_MS, q(w.latency, 0.99)) : q(w.latency, 0.99) });
  }
  const saturated = `. The machine committed only ${Math.round(main.achieved)} of the ${main.rate} events/s offered (saturated)`;
  if (!windows.length) return saturated;
  const best = highestMeeting(probes.slice(1), LAG_GOAL_MS);
  const shown = windows.find((w) => w.rate === best?.rate) ?? windows[0];
  const tried = windows.map((w) => `${w.rate} -> ${q(w.latency, 0.99)} ms${saturatedAt(w) ? ` (saturated: ${Math.round(w.achieved)} committed)` : ''}`).join(', ');
  const found = best
    ? `the highest rate found with p99 under ${LAG_GOAL_MS} ms: ${best.rate} operations/s`
    : `no rate tried kept p99 under ${LAG_GOAL_MS} ms`;
  return `${saturated}; below saturation, ${found} (offered operations/s -> p99, one window each: ${tried}). ` +
    `At ${shown.rate} operations/s: p99 ${q(shown.latency, 0.99)} ms, ${describe(shown, accounts.length)}`;
}

/**
 * End-to-end lag under steady traffic: the realistic mix of mailbox operations (lib/traffic,
 * through each mailstore's HTTP API) at the profile's rate over the protected accounts of the
 * `source` mailstore. Lag = the agent's commit time minus the source's commit time carried in the
 * event (`ts`), from the destination's latency histograms over the measured window. When the
 * machine cannot commit the offered rate (the source falls below 90% of it), windows at lower
 * rates look for the highest one that meets the goal here (in the detail). Before all, the
 * same traffic to accounts without replicas measures what the machine commits at all.
 */
export async function lagScenario(b: BenchContext): Promise<BenchResult[]> {
  const accounts = await b.fixtures.protectedAccounts();
  const plain = await b.fixtures.plainAccounts();
  // The publish run stops the destination's module and the apply run starts it again: with
  // `--only publish,lag` nobody would, and no event would ever be applied.
  await b.world.nodes.destination.module('start');
  const { lagRate, lagWarmupSeconds: warmup, lagSeconds: seconds } = b.profile;
  b.rss.start();
  try {
    const limit = await measureCapacity(b, plain, lagRate, warmup, seconds);
    const main = await measureWindow(b, accounts, lagRate, warmup, seconds);
    const below = saturatedAt(main) ? await belowSaturation(b, accounts, main) : '';
    const ceiling = `. The machine's own ceiling, the same traffic at ${lagRate} operations/s to ${plain.length} accounts without replicas on the same mailstore: ` +
      `${Math.round(limit.rate)} operations/s committed (client write latency p50 ${limit.traffic.latency.p50} ms, ${limit.traffic.failed} failed${failures(limit.traffic)}); ` +
      `replicated, ${Math.round((100 * main.achieved) / limit.rate)}% of that`;
    return [result({ name: 'end-to-end lag p99', value: q(main.latency, 0.99), unit: 'ms', goal: LAG_GOAL, detail: `${describe(main, accounts.length)}${ceiling}${below}` })];
  } finally {
    b.rss.stop();
  }
}

/** One window of the lag scenario: the rate the source committed and the p99 lag it showed. */
export interface LagProbe {
  rate: number;
  p99: number;
}

/** Rates closer than this factor are not worth another window: one window's p99 is noisier. */
const RESOLUTION = 1.15;

/** The highest probed rate whose p99 was under the goal. */
export function highestMeeting(probes: LagProbe[], goalMs: number): LagProbe | undefined {
  return probes.filter((p) => p.p99 < goalMs).sort((a, b) => b.rate - a.rate)[0];
}

/**
 * The next rate to offer when looking for the highest one whose p99 stays under the goal:
 * between the highest rate that met it and the lowest above that did not (their geometric
 * mean), or half the lowest failing rate while none met it. Undefined when there is nothing
 * left to look for: no failing rate, the two within 15%, or a rate under `minRate`.
 */
export function nextProbeRate(probes: LagProbe[], goalMs: number, minRate = 5): number | undefined {
  const best = highestMeeting(probes, goalMs);
  const failing = probes.filter((p) => p.p99 >= goalMs && (!best || p.rate > best.rate)).map((p) => p.rate);
  if (failing.length === 0) return undefined;
  const lowestFailing = Math.min(...failing);
  const next = best ? Math.sqrt(best.rate * lowestFailing) : lowestFailing / 2;
  if (best && lowestFailing / best.rate < RESOLUTION) return undefined;
  if (next < minRate) return undefined;
  return Math.floor(next);
}

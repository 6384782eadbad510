/**
 * A fixed-size, cumulative latency histogram (ms): 1 ms buckets up to 100 ms, 10 ms up to
 * 1 s, 100 ms up to 10 s, 1 s up to 120 s, then one overflow bucket. Recording is O(log n) and
 * the memory is constant, so the agent can keep it for days; a reader takes two snapshots and
 * subtracts them to get the distribution of a time window (the benchmark does).
 */
export const LATENCY_BOUNDS_MS: readonly number[] = (() => {
  const b: number[] = [];
  for (let v = 1; v <= 100; v += 1) b.push(v);
  for (let v = 110; v <= 1000; v += 10) b.push(v);
  for (let v = 1100; v <= 10_000; v += 100) b.push(v);
  for (let v = 11_000; v <= 120_000; v += 1000) b.push(v);
  return b;
})();

export interface HistogramSnapshot {
  /** Upper bound (inclusive) of each bucket but the last, which holds everything above. */
  boundsMs: number[];
  counts: number[];
  count: number;
  sumMs: number;
}

export class LatencyHistogram {
  private readonly counts = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
  private count = 0;
  private sumMs = 0;

  record(ms: number) {
    const v = Math.max(0, ms);
    let lo = 0;
    let hi = LATENCY_BOUNDS_MS.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (LATENCY_BOUNDS_MS[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    this.counts[lo]++;
    this.count++;
    this.sumMs += v;
  }

  snapshot(): HistogramSnapshot {
    return { boundsMs: [...LATENCY_BOUNDS_MS], counts: [...this.counts], count: this.count, sumMs: this.sumMs };
  }
}

/** The distribution recorded between two snapshots of the same histogram. */
export function histogramDelta(before: HistogramSnapshot, after: HistogramSnapshot): HistogramSnapshot {
  return {
    boundsMs: after.boundsMs,
    counts: after.counts.map((c, i) => c - (before.counts[i] ?? 0)),
    count: after.count - before.count,
    sumMs: after.sumMs - before.sumMs,
  };
}

/** The upper bound of the bucket holding quantile q (0..1); Infinity in the overflow bucket, NaN when empty. */
export function histogramQuantile(h: HistogramSnapshot, q: number): number {
  if (h.count <= 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * h.count));
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    seen += h.counts[i];
    if (seen >= rank) return i < h.boundsMs.length ? h.boundsMs[i] : Infinity;
  }
  return Infinity;
}

/**
 * Follows a counter that grows from 0 to `total` (events published, applied) by polling it,
 * and gives the steady rate: the events between the 10% and 90% marks over the time between
 * them (interpolated). Start-up (joining a consumer group, connecting) and the tail are left
 * out, so the figure is the pace of the hot path itself.
 */
export async function followProgress(o: {
  total: number;
  read: () => Promise<number>;
  pollMs?: number;
  timeoutMs: number;
  what: string;
  onSample?: () => void;
}): Promise<{ rate: number; seconds: number; steadySeconds: number }> {
  const samples: { t: number; n: number }[] = [];
  const t0 = performance.now();
  for (;;) {
    const n = await o.read();
    samples.push({ t: performance.now(), n });
    o.onSample?.();
    if (n >= o.total) break;
    if (performance.now() - t0 > o.timeoutMs) throw new Error(`${o.what}: only ${n} of ${o.total} after ${Math.round(o.timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, o.pollMs ?? 100));
  }
  const at = (target: number) => {
    const i = samples.findIndex((s) => s.n >= target);
    if (i <= 0) return samples[Math.max(0, i)].t;
    const a = samples[i - 1];
    const b = samples[i];
    return a.t + ((target - a.n) / Math.max(1, b.n - a.n)) * (b.t - a.t);
  };
  const steadyMs = Math.max(1, at(0.9 * o.total) - at(0.1 * o.total));
  return { rate: (0.8 * o.total) / (steadyMs / 1000), seconds: (samples[samples.length - 1].t - t0) / 1000, steadySeconds: steadyMs / 1000 };
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);

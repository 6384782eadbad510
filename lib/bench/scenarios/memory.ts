import type { BenchContext } from '../context';
import { below, result, type BenchResult } from '../result';

export const MEMORY_GOAL = below(300, 'MiB');

/** Memory: the highest RSS any mailstore node reached during the publish, apply and lag runs. */
export async function memoryScenario(b: BenchContext): Promise<BenchResult[]> {
  const peaks = b.rss.peaksByHost();
  if (peaks.size === 0) throw new Error('no throughput run was measured (run publish, apply or lag with memory)');
  const [host, peak] = [...peaks].reduce((a, c) => (c[1] > a[1] ? c : a));
  return [result({
    name: 'memory (peak RSS of a node)', value: peak, unit: 'MiB', goal: MEMORY_GOAL,
    detail: `sampled every 200 ms during the throughput runs; highest on ${host}; ${[...peaks].map(([h, p]) => `${h.split('.')[0]} ${Math.round(p)}`).join(', ')} MiB`,
  })];
}

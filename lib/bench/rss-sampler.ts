import type { BenchNode } from './bench-node';

/**
 * Samples the resident memory of the mailstore nodes while a throughput run is on (every
 * 200 ms) and keeps each node's peak, in MiB. Only the windows between start() and stop()
 * count, so the figure is the peak "during the throughput runs", not during seeding.
 */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly nodes: () => BenchNode[]) {}

  start() {
    this.sample();
    this.timer ??= setInterval(() => this.sample(), 200);
  }

  stop() {
    this.sample();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample() {
    for (const n of this.nodes()) {
      const m = n.memory();
      if (m && Number.isFinite(m.rssMiB)) this.peaks.set(n.host, Math.max(this.peaks.get(n.host) ?? 0, m.rssMiB));
    }
  }

  /** Peak RSS per host, MiB (hosts never sampled are absent). */
  peaksByHost(): Map<string, number> {
    return new Map(this.peaks);
  }
}

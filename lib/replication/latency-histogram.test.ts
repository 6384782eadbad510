import { describe, expect, it } from 'vitest';
import { histogramDelta, histogramQuantile, LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('puts values in buckets of 1 ms up to 100 ms, coarser above, and answers quantiles by upper bound', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 98; i++) h.record(i - 0.5); // 0.5 .. 97.5 ms: one per 1 ms bucket
    h.record(150);
    h.record(5000);
    const s = h.snapshot();
    expect(s.count).toBe(100);
    expect(histogramQuantile(s, 0.5)).toBe(50);
    expect(histogramQuantile(s, 0.98)).toBe(98);
    expect(histogramQuantile(s, 0.99)).toBe(150);
    expect(histogramQuantile(s, 1)).toBe(5000);
  });

  it('keeps values above the last bound in an overflow bucket (Infinity) and negative clock skew at 0', () => {
    const h = new LatencyHistogram();
    h.record(-3);
    h.record(500_000);
    const s = h.snapshot();
    expect(histogramQuantile(s, 0.5)).toBe(1);
    expect(histogramQuantile(s, 1)).toBe(Infinity);
    expect(histogramQuantile(new LatencyHistogram().snapshot(), 0.5)).toBeNaN();
  });

  it('gives the distribution of a window as the difference of two snapshots', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 1000; i++) h.record(900);
    const before = h.snapshot();
    for (let i = 0; i < 100; i++) h.record(7);
    const w = histogramDelta(before, h.snapshot());
    expect(w.count).toBe(100);
    expect(w.sumMs).toBe(700);
    expect(histogramQuantile(w, 0.99)).toBe(7);
  });
});

import { describe, expect, it } from 'vitest';
import { RecentSamples } from './recent-samples';

describe('RecentSamples', () => {
  it('keeps every sample, oldest first, until it is full', () => {
    const s = new RecentSamples(4);
    for (const v of [5, 1.5, 9]) s.record(v);
    expect(s.length).toBe(3);
    expect(s.values()).toEqual([5, 1.5, 9]);
  });

  it('then keeps only the last `capacity`, oldest first', () => {
    const s = new RecentSamples(3);
    for (let v = 1; v <= 8; v++) s.record(v);
    expect(s.length).toBe(3);
    expect(s.values()).toEqual([6, 7, 8]);
  });
});

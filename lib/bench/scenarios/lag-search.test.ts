import { describe, expect, it } from 'vitest';
import { highestMeeting, nextProbeRate } from './lag-search';

describe('lag search', () => {
  it('starts at half the saturated rate and halves again while the goal is missed', () => {
    expect(nextProbeRate([{ rate: 600, p99: 620 }], 100)).toBe(300);
    expect(nextProbeRate([{ rate: 600, p99: 620 }, { rate: 300, p99: 140 }], 100)).toBe(150);
  });

  it('narrows between the highest rate that met the goal and the lowest above it that did not', () => {
    const probes = [{ rate: 600, p99: 620 }, { rate: 300, p99: 90 }];
    expect(nextProbeRate(probes, 100)).toBe(424);
    expect(nextProbeRate([...probes, { rate: 424, p99: 180 }], 100)).toBe(356);
    expect(highestMeeting([...probes, { rate: 424, p99: 180 }, { rate: 356, p99: 95 }], 100)).toEqual({ rate: 356, p99: 95 });
  });

  it('ignores a failing rate below one that met the goal (the noise of one window)', () => {
    const probes = [{ rate: 600, p99: 620 }, { rate: 300, p99: 90 }, { rate: 250, p99: 130 }];
    expect(nextProbeRate(probes, 100)).toBe(424);
  });

  it('stops when there is nothing left to find', () => {
    expect(nextProbeRate([{ rate: 2000, p99: 40 }], 100)).toBeUndefined();
    expect(nextProbeRate([{ rate: 600, p99: 620 }, { rate: 540, p99: 80 }], 100)).toBeUndefined();
    expect(nextProbeRate([{ rate: 8, p99: 300 }], 100)).toBeUndefined();
    expect(highestMeeting([{ rate: 600, p99: 620 }], 100)).toBeUndefined();
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuShare, describeCpuShare, MIN_TICKS, describeStealPair, parseCpuTimes, readCpuTimes, withCpuShare } from './cpu-times';

const stat = (user: number, idle: number, steal: number, guest = 0) =>
  `cpu  ${user} 0 100 ${idle} 50 0 10 ${steal} ${guest} 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 12345\n`;

describe('CPU times from /proc/stat', () => {
  it('reads the aggregate line, counting iowait as idle and leaving guest time out', () => {
    expect(parseCpuTimes(stat(1000, 5000, 300, 999))).toEqual({ total: 1000 + 100 + 5000 + 50 + 10 + 300, idle: 5050, steal: 300 });
  });

  it('gives the busy and stolen shares between two readings', () => {
    // 2,000 ticks pass: 1,200 user, 600 idle, 200 stolen.
    const share = cpuShare(parseCpuTimes(stat(1000, 5000, 300)), parseCpuTimes(stat(2200, 5600, 500)));
    expect(share).toEqual({ busyPercent: 60, stealPercent: 10 });
    expect(describeCpuShare(share!)).toBe('CPU 60% busy, 10% stolen by the hypervisor');
  });

  it('has no share when a reading is missing or too little time passed', () => {
    const t = parseCpuTimes(stat(1000, 5000, 300));
    expect(cpuShare(undefined, t)).toBeUndefined();
    expect(cpuShare(t, t)).toBeUndefined();
    // One tick (a step that only reads figures) would read as 100% busy.
    expect(cpuShare(t, parseCpuTimes(stat(1001, 5000, 300)))).toBeUndefined();
    expect(cpuShare(t, parseCpuTimes(stat(1000 + MIN_TICKS, 5000, 300)))).toEqual({ busyPercent: 100, stealPercent: 0 });
  });

  it('refuses a file without the aggregate line, and reads nothing where the file is absent', () => {
    expect(() => parseCpuTimes('cpu0 1 2 3 4\n')).toThrow(/no aggregate "cpu" line/);
    expect(() => parseCpuTimes('cpu a b c d\n')).toThrow(/unreadable/);
    expect(readCpuTimes('/nonexistent/stat')).toBeUndefined();
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'cpu-')), 'stat');
    writeFileSync(f, stat(7, 8, 9));
    expect(readCpuTimes(f)?.steal).toBe(9);
  });
});

describe('a measured step', () => {
  it('returns its value with the CPU share while it ran, and names both steals of a figure and its limit', async () => {
    const m = await withCpuShare(async () => {
      const end = Date.now() + 200;
      while (Date.now() < end); // busy, so more than MIN_TICKS pass
      return 42;
    });
    expect(m.value).toBe(42);
    expect(m.cpu!.busyPercent).toBeGreaterThan(0);
    expect(describeStealPair({ busyPercent: 90, stealPercent: 20.5 }, { busyPercent: 60, stealPercent: 3 })).toBe('; CPU stolen by the hypervisor: 20.5% during the run, 3% during the limit');
    expect(describeStealPair(undefined, { busyPercent: 60, stealPercent: 3 })).toBe('');
  });
});

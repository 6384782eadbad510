import { describe, expect, it } from 'vitest';
import type { BenchResult } from './result';
import { formatMarkdown, formatTable } from './table';

const lines: BenchResult[] = [
  { name: 'apply throughput', value: 21620, unit: 'events/s', goal: '≥ 20,000 events/s', limit: 41683, ratio: 0.519, met: true, detail: '100000 events', cpu: { busyPercent: 71.5, stealPercent: 18.2 } },
  { name: 'switchover', value: 0.07, unit: 's', goal: '< 1 s', met: true },
  { name: 'failover', value: null, unit: 's', goal: '< 5 s', met: false, error: 'no node' },
];

describe('bench tables', () => {
  it('prints figures, ratios, failures, and each detail with the CPU of its scenario', () => {
    const t = formatTable(lines);
    expect(t).toMatch(/apply throughput\s+21,620 events\/s\s+≥ 20,000 events\/s\s+41,683 events\/s\s+52%\s+yes/);
    expect(t).toMatch(/failover\s+failed: no node/);
    expect(t).toContain('  apply throughput: 100000 events; during the scenario, CPU 71.5% busy, 18.2% stolen by the hypervisor');
    expect(t).not.toContain('  switchover:');
  });

  it('writes the Markdown table of the README', () => {
    expect(formatMarkdown(lines).split('\n')).toEqual([
      '| scenario | figure | goal | limit | ratio | met |',
      '|---|---|---|---|---|---|',
      '| apply throughput | 21,620 events/s | ≥ 20,000 events/s | 41,683 events/s | 52% | yes |',
      '| switchover | 0.07 s | < 1 s | - | - | yes |',
      '| failover | failed | < 5 s | - | - | **no** |',
    ]);
  });
});

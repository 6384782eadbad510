import { describe, expect, it } from 'vitest';
import { bar, ProgressReporter } from './progress';

const op = { id: 'op-1', kind: 'setAccountDestination' as const, total: 4, failed: 0 };

describe('ProgressReporter', () => {
  it('writes one plain line per change when not on a terminal', async () => {
    const lines: string[] = [];
    const p = new ProgressReporter({ write: async (t) => void lines.push(t), tty: false, columns: 80 });
    await p.update({ ...op, state: 'running', done: 1 });
    await p.update({ ...op, state: 'running', done: 1 });
    await p.update({ ...op, state: 'succeeded', done: 4 });
    await p.finish();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ setAccountDestination op-1: running 1\/4 done, 0 failed\n$/);
    expect(lines[1]).toMatch(/succeeded 4\/4 done, 0 failed\n$/);
  });

  it('redraws a bar in place on a terminal and ends its line', async () => {
    let out = '';
    const p = new ProgressReporter({ write: async (t) => void (out += t), tty: true, columns: 80 });
    await p.update({ ...op, state: 'running', done: 2 });
    await p.finish();
    expect(out.startsWith('\r[')).toBe(true);
    expect(out.endsWith('\x1b[K\n')).toBe(true);
    expect(out).not.toMatch(/\n.*\n/);
  });

  it('fills the bar in proportion', () => {
    const text = bar({ state: 'running', total: 4, done: 1, failed: 1 }, 80);
    const m = /^\[(#*)(-*)\] 1\/4 done, 1 failed \(running\)$/.exec(text);
    expect(m).not.toBeNull();
    expect(m![2].length).toBe(3 * m![1].length);
  });
});

import { describe, expect, it } from 'vitest';
import { Mutex, SharedExclusiveLock } from './agent-mutex';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SharedExclusiveLock', () => {
  it('runs shared sections together', async () => {
    const lock = new SharedExclusiveLock();
    const g = gate();
    const running: string[] = [];
    const a = lock.shared(async () => { running.push('a'); await g.opened; });
    const b = lock.shared(async () => { running.push('b'); await g.opened; });
    await tick();
    expect(running).toEqual(['a', 'b']);
    g.open();
    await Promise.all([a, b]);
  });

  it('an exclusive section waits for the running shared ones and holds back later ones', async () => {
    const lock = new SharedExclusiveLock();
    const g1 = gate();
    const g2 = gate();
    const log: string[] = [];
    const a = lock.shared(async () => { log.push('a+'); await g1.opened; log.push('a-'); });
    const x = lock.exclusive(async () => { log.push('x+'); await g2.opened; log.push('x-'); });
    const b = lock.shared(async () => { log.push('b+'); });
    await tick();
    expect(log).toEqual(['a+']);
    g1.open();
    await a;
    await tick();
    expect(log).toEqual(['a+', 'a-', 'x+']);
    g2.open();
    await Promise.all([x, b]);
    expect(log).toEqual(['a+', 'a-', 'x+', 'x-', 'b+']);
  });

  it('a failing section releases the lock and its caller gets the error', async () => {
    const lock = new SharedExclusiveLock();
    await expect(lock.exclusive(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(lock.shared(async () => 'after')).resolves.toBe('after');
    await expect(lock.exclusive(async () => 'again')).resolves.toBe('again');
  });
});

describe('Mutex', () => {
  it('runs sections one at a time in call order', async () => {
    const m = new Mutex();
    const log: number[] = [];
    await Promise.all([1, 2, 3].map((n) => m.run(async () => { log.push(n); await tick(); log.push(-n); })));
    expect(log).toEqual([1, -1, 2, -2, 3, -3]);
  });
});

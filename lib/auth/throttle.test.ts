import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, verdictFor } from './throttle';

const now = new Date('2026-01-01T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const fail = (s: number) => ({ succeeded: false, at: ago(s) });
const ok = (s: number) => ({ succeeded: true, at: ago(s) });

describe('sign-in throttle verdict', () => {
  it('lets the first failures through without delay', () => {
    expect(verdictFor([fail(10), fail(20)], [], DEFAULT_THROTTLE, now)).toEqual({ lockedForMs: 0, delayMs: 0, failures: 2 });
  });

  it('slows down from the third failure on, capped', () => {
    expect(verdictFor([fail(1), fail(2), fail(3)], [], DEFAULT_THROTTLE, now).delayMs).toBe(500);
    expect(verdictFor([fail(1), fail(2), fail(3), fail(4)], [], DEFAULT_THROTTLE, now).delayMs).toBe(1000);
    expect(verdictFor(Array.from({ length: 4 }, (_, i) => fail(i + 1)), [], { ...DEFAULT_THROTTLE, maxDelayMs: 700 }, now).delayMs).toBe(700);
  });

  it('locks for lockMs after the fifth failure, counting from the last one', () => {
    const v = verdictFor([fail(60), fail(70), fail(80), fail(90), fail(100)], [], DEFAULT_THROTTLE, now);
    expect(v.lockedForMs).toBe(DEFAULT_THROTTLE.lockMs - 60_000);
  });

  it('counts only failures since the last success', () => {
    const v = verdictFor([fail(1), fail(2), ok(3), fail(4), fail(5), fail(6), fail(7)], [], DEFAULT_THROTTLE, now);
    expect(v).toEqual({ lockedForMs: 0, delayMs: 0, failures: 2 });
  });

  it('locks a remote address that fails too often across e-mails', () => {
    const remote = Array.from({ length: DEFAULT_THROTTLE.remoteLockAfter }, (_, i) => fail(i + 5));
    expect(verdictFor([], remote, DEFAULT_THROTTLE, now).lockedForMs).toBe(DEFAULT_THROTTLE.lockMs - 5000);
    expect(verdictFor([], remote.slice(1), DEFAULT_THROTTLE, now).lockedForMs).toBe(0);
  });
});

import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { failedWaiter, RelayWaiters } from './relay-waiters';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('resolves a waiter with its ack and rejects one with its error', async () => {
  const w = new RelayWaiters();
  const a = w.expect(1, 1000, () => new Error('timeout'));
  const b = w.expect(2, 1000, () => new Error('timeout'));
  w.settle(1, { partition: 3, offset: 42 });
  w.settle(2, new Error('fenced'));
  await expect(a.promise).resolves.toEqual({ partition: 3, offset: 42 });
  await expect(b.promise).rejects.toThrow('fenced');
  expect(w.size).toBe(0);
});

it('fails a waiter at its deadline and ignores a late result', async () => {
  const w = new RelayWaiters();
  const a = w.expect(7, 500, () => new Error('Kafka did not acknowledge'));
  vi.advanceTimersByTime(499);
  expect(w.size).toBe(1);
  vi.advanceTimersByTime(1);
  await expect(a.promise).rejects.toThrow('Kafka did not acknowledge');
  w.settle(7, { partition: 0, offset: 1 });
  expect(w.size).toBe(0);
});

it('a cancelled waiter is forgotten without an unhandled rejection; rejectAll fails the rest', async () => {
  const w = new RelayWaiters();
  const a = w.expect(1, 500, () => new Error('t'));
  const b = w.expect(2, 500, () => new Error('t'));
  a.cancel();
  expect(w.size).toBe(1);
  vi.advanceTimersByTime(1000);
  await expect(b.promise).rejects.toThrow('t');
  const c = w.expect(3, 500, () => new Error('t'));
  w.rejectAll((id) => new Error(`stopped ${id}`));
  await expect(c.promise).rejects.toThrow('stopped 3');
  await expect(failedWaiter(new Error('module stopped')).promise).rejects.toThrow('module stopped');
});

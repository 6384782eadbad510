import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { failedWaiter, RelayWaiters, waiterKey } from './relay-waiters';

const k = (seq: number) => waiterKey({ accountId: 'a1', epoch: 2, seq });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('resolves a waiter with its ack and rejects one with its error', async () => {
  const w = new RelayWaiters();
  const a = w.expect(k(1), 1000, () => new Error('timeout'));
  const b = w.expect(k(2), 1000, () => new Error('timeout'));
  w.settle(k(1), { partition: 3, offset: 42 });
  w.settle(k(2), new Error('fenced'));
  await expect(a.promise).resolves.toEqual({ partition: 3, offset: 42 });
  await expect(b.promise).rejects.toThrow('fenced');
  expect(w.size).toBe(0);
});

it('fails a waiter at its deadline and ignores a late result', async () => {
  const w = new RelayWaiters();
  const a = w.expect(k(7), 500, () => new Error('Kafka did not acknowledge'));
  vi.advanceTimersByTime(499);
  expect(w.size).toBe(1);
  vi.advanceTimersByTime(1);
  await expect(a.promise).rejects.toThrow('Kafka did not acknowledge');
  w.settle(k(7), { partition: 0, offset: 1 });
  expect(w.size).toBe(0);
});

it('a cancelled waiter is forgotten without an unhandled rejection; rejectAll fails the rest', async () => {
  const w = new RelayWaiters();
  const a = w.expect(k(1), 500, () => new Error('t'));
  const b = w.expect(k(2), 500, () => new Error('t'));
  a.cancel();
  expect(w.size).toBe(1);
  vi.advanceTimersByTime(1000);
  await expect(b.promise).rejects.toThrow('t');
  const c = w.expect(k(3), 500, () => new Error('t'));
  w.rejectAll((id) => new Error(`stopped ${id}`));
  await expect(c.promise).rejects.toThrow('stopped a1#2#3');
  await expect(failedWaiter(new Error('module stopped')).promise).rejects.toThrow('module stopped');
});

it('tells apart the rows of one account at different epochs and of different accounts', async () => {
  const w = new RelayWaiters();
  const a = w.expect(waiterKey({ accountId: 'a1', epoch: 2, seq: 5 }), 500, () => new Error('t'));
  w.settle(waiterKey({ accountId: 'a1', epoch: 1, seq: 5 }), { partition: 0, offset: 1 });
  w.settle(waiterKey({ accountId: 'a2', epoch: 2, seq: 5 }), { partition: 0, offset: 2 });
  expect(w.size).toBe(1);
  w.settle(waiterKey({ accountId: 'a1', epoch: 2, seq: 5 }), { partition: 0, offset: 3 });
  await expect(a.promise).resolves.toEqual({ partition: 0, offset: 3 });
});

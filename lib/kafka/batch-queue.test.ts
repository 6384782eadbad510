import { describe, expect, it } from 'vitest';
import { BatchQueue } from './batch-queue';

// The queue between kafkajs's fetches and the agent's transactions: a group never splits a
// batch, never takes a partition being handled, and keeps each partition's batches in order.
const batch = (partition: number, records: number, id = `${partition}/${records}`) =>
  ({ id, partition, records: Array.from({ length: records }, () => ({ value: Buffer.alloc(10) })) });

describe('BatchQueue', () => {
  it('takes whole batches, oldest first, up to the record budget, but always at least one', () => {
    const q = new BatchQueue<ReturnType<typeof batch>>();
    q.push(batch(0, 5000, 'big'));
    q.push(batch(1, 100, 'a'));
    q.push(batch(2, 100, 'b'));
    expect(q.bytes).toBe(52_000);
    expect(q.take(2000, new Set()).map((b) => b.id)).toEqual(['big']);
    expect(q.take(2000, new Set()).map((b) => b.id)).toEqual(['a', 'b']);
    expect(q.length).toBe(0);
    expect(q.bytes).toBe(0);
  });

  it('skips a busy partition and every later batch of a partition it could not take', () => {
    const q = new BatchQueue<ReturnType<typeof batch>>();
    q.push(batch(1, 10, 'p1-first'));
    q.push(batch(2, 1500, 'p2-first'));
    q.push(batch(3, 600, 'p3-too-big'));
    q.push(batch(3, 10, 'p3-second'));
    q.push(batch(2, 10, 'p2-second'));
    q.push(batch(4, 10, 'p4'));
    expect(q.take(2000, new Set([1])).map((b) => b.id)).toEqual(['p2-first', 'p2-second', 'p4']);
    expect(q.take(2000, new Set()).map((b) => b.id)).toEqual(['p1-first', 'p3-too-big', 'p3-second']);
  });

  it('wakes a waiter when batches are taken or cleared, and otherwise after its time', async () => {
    const q = new BatchQueue<ReturnType<typeof batch>>();
    q.push(batch(0, 1));
    const t0 = Date.now();
    const waited = q.changed(5000);
    q.take(10, new Set());
    await waited;
    expect(Date.now() - t0).toBeLessThan(1000);
    const cleared = q.changed(5000);
    q.push(batch(0, 1));
    q.clear();
    await cleared;
    expect(q.length).toBe(0);
    const t1 = Date.now();
    await q.changed(50);
    expect(Date.now() - t1).toBeGreaterThanOrEqual(45);
  });
});

import { describe, expect, it } from 'vitest';
import { EventConsumer } from './consumer';
import { batchOf, fakeKafka } from './consumer-test-kit';

describe('EventConsumer.start', () => {
  it('gives up on a join that never ends, names the group, and leaves the consumer disconnected', async () => {
    const { kafka, calls } = fakeKafka('hangs');
    const c = new EventConsumer(kafka, 'g-hang', { startTimeoutMs: 200, stopJoinWaitMs: 50 });
    await expect(c.start('t', async () => undefined)).rejects.toThrow(/within 200 ms while joining the consumer group g-hang/);
    expect(calls.disconnects).toBe(1);
  });

  it('rejects when the consumer crashes while joining, instead of resolving as if it were live', async () => {
    const { kafka, calls } = fakeKafka('crashes');
    const c = new EventConsumer(kafka, 'g-crash', { startTimeoutMs: 5000 });
    const owner: Error[] = [];
    c.onCrash((e) => owner.push(e));
    await expect(c.start('t', async () => undefined)).rejects.toThrow(/coordinator is not available/);
    expect(owner).toHaveLength(1);
    expect(calls.disconnects).toBe(1);
  });

  it('resolves for a consumer that joined', async () => {
    const { kafka, calls } = fakeKafka('joins');
    const c = new EventConsumer(kafka, 'g-ok', { startTimeoutMs: 5000 });
    await c.start('t', async () => undefined);
    expect(calls.disconnects).toBe(0);
    await c.stop();
  });
});

describe('EventConsumer.stop during start', () => {
  it('lets the join under way finish before disconnecting (kafkajs would forget a runner stopped mid-join), and start() rejects', async () => {
    const { kafka, calls } = fakeKafka('slow');
    const c = new EventConsumer(kafka, 'g-slow', { startTimeoutMs: 5000 });
    const started = c.start('t', async () => undefined);
    await new Promise((r) => setTimeout(r, 10));
    await c.stop();
    await expect(started).rejects.toThrow(/g-slow was stopped while joining its group/);
    expect(calls.log).toEqual(['joined', 'disconnect']);
  });

  it('waits for a join that never ends only stopJoinWaitMs, then disconnects; stopping twice is one stop', async () => {
    const { kafka, calls } = fakeKafka('hangs');
    const c = new EventConsumer(kafka, 'g-hang2', { startTimeoutMs: 60_000, stopJoinWaitMs: 100 });
    const started = c.start('t', async () => undefined);
    const t0 = Date.now();
    await Promise.all([c.stop(), c.stop()]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    await expect(started).rejects.toThrow(/stopped while joining/);
    expect(calls.disconnects).toBe(1);
  });

  it('a batch reaching a consumer after stop() comes from an abandoned runner: it is refused with a non-retriable error', async () => {
    const { kafka, calls } = fakeKafka('joins');
    const c = new EventConsumer(kafka, 'g-late', { startTimeoutMs: 5000 });
    const handled: number[] = [];
    await c.start('t', async (batches) => void handled.push(batches.length));
    await c.stop();
    const err = await calls.eachBatch!(batchOf(2)).then(() => undefined, (e: Error & { retriable?: boolean }) => e);
    expect(err?.message).toMatch(/stopped consumer of g-late was still fetching/);
    expect(err?.retriable).toBe(false);
    expect(handled).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { EventConsumer, type IncomingBatch } from './consumer';
import { batchOf, fakeKafka } from './consumer-test-kit';

const tick = () => new Promise((r) => setImmediate(r));

/** A consumer whose handler holds each group until the test releases it. */
async function holdingConsumer(appliers: number) {
  const { kafka, calls } = fakeKafka('joins');
  const c = new EventConsumer(kafka, 'g-groups', { startTimeoutMs: 5000, appliers });
  const groups: { partitions: number[]; release: () => void }[] = [];
  await c.start('t', (batches: IncomingBatch[]) => new Promise<void>((release) => groups.push({ partitions: batches.map((b) => b.partition), release })));
  return { c, calls, groups, deliver: (partition: number, n = 2, from = 0) => calls.eachBatch!(batchOf(n, partition, from)) };
}

describe('EventConsumer groups', () => {
  it('gathers the batches of one fetch into one group, and holds later records behind a group of several partitions', async () => {
    const { c, calls, groups, deliver } = await holdingConsumer(2);
    await Promise.all([deliver(0), deliver(1)]);
    await tick();
    expect(groups.map((g) => g.partitions)).toEqual([[0, 1]]);
    await deliver(2);
    await deliver(0, 3, 2);
    await tick();
    expect(groups).toHaveLength(1);
    groups[0].release();
    await tick();
    await tick();
    expect(groups.map((g) => g.partitions)).toEqual([[0, 1], [2, 0]]);
    expect(calls.commits[0]).toEqual([{ partition: 0, offset: '2' }, { partition: 1, offset: '2' }]);
    groups[1].release();
    await tick();
    await tick();
    expect(calls.commits[1]).toEqual([{ partition: 2, offset: '2' }, { partition: 0, offset: '5' }]);
    await c.stop();
  });

  it('starts a second group beside one that holds a single partition (a backlog), never on a partition in flight', async () => {
    const { c, groups, deliver } = await holdingConsumer(2);
    await deliver(0);
    await tick();
    await deliver(0, 2, 2);
    await deliver(1);
    await tick();
    expect(groups.map((g) => g.partitions)).toEqual([[0], [1]]);
    groups[1].release();
    await tick();
    await tick();
    expect(groups).toHaveLength(2); // partition 0's next batch waits for its first group
    groups[0].release();
    await tick();
    await tick();
    expect(groups.map((g) => g.partitions)).toEqual([[0], [1], [0]]);
    groups[2].release();
    await c.stop();
  });
});

describe('EventConsumer records', () => {
  it("carry their account: the carbonio-account header, else the key, else null", async () => {
    const { kafka, calls } = fakeKafka('joins');
    const c = new EventConsumer(kafka, 'g-account', { startTimeoutMs: 5000 });
    const seen: (string | null)[] = [];
    await c.start('t', async (batches) => void seen.push(...batches.flatMap((b) => b.records.map((r) => r.account))));
    const payload = batchOf(3, 4);
    payload.batch.messages = [
      { offset: '0', key: Buffer.from('key-a'), value: null, headers: { 'carbonio-account': Buffer.from('header-a'), 'carbonio-op': Buffer.from('CreateFolder') }, timestamp: '0' },
      { offset: '1', key: Buffer.from('key-b'), value: null, headers: {}, timestamp: '0' },
      { offset: '2', key: null, value: null, headers: {}, timestamp: '0' },
    ] as never;
    await calls.eachBatch!(payload);
    await tick();
    await tick();
    expect(seen).toEqual(['header-a', 'key-b', null]);
    await c.stop();
  });
});

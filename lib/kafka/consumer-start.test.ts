import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { EventConsumer } from './consumer';

/** A kafkajs stand-in: `join` decides what connect/run do; records disconnects. */
function fakeKafka(join: 'hangs' | 'crashes' | 'joins') {
  const listeners = new Map<string, (e: unknown) => void>();
  const calls = { disconnects: 0 };
  const consumer = {
    events: { CRASH: 'crash', GROUP_JOIN: 'join' },
    on: (event: string, fn: (e: unknown) => void) => listeners.set(event, fn),
    connect: () => (join === 'hangs' ? new Promise(() => undefined) : Promise.resolve()),
    subscribe: async () => undefined,
    run: async () => {
      // kafkajs reports a failed join as a crash event and resolves run() all the same.
      if (join === 'crashes') listeners.get('crash')?.({ payload: { error: new Error('The coordinator is not available') } });
    },
    disconnect: async () => void calls.disconnects++,
  };
  const admin = { connect: async () => undefined, disconnect: async () => undefined };
  return { kafka: { consumer: () => consumer, admin: () => admin } as unknown as Kafka, calls };
}

describe('EventConsumer.start', () => {
  it('gives up on a join that never ends, names the group, and leaves the consumer disconnected', async () => {
    const { kafka, calls } = fakeKafka('hangs');
    const c = new EventConsumer(kafka, 'g-hang', { startTimeoutMs: 200 });
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

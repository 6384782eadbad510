import type { Kafka } from 'kafkajs';

type EachBatch = (payload: unknown) => Promise<void>;

/**
 * A kafkajs stand-in for the consumer's unit tests: `join` decides what connect/run do; it
 * records what happened, in order, and hands out kafkajs's eachBatch callback so that a test
 * can deliver batches itself.
 */
export function fakeKafka(join: 'hangs' | 'crashes' | 'joins' | 'slow') {
  const listeners = new Map<string, (e: unknown) => void>();
  const calls = { disconnects: 0, log: [] as string[], eachBatch: undefined as EachBatch | undefined, commits: [] as { partition: number; offset: string }[][] };
  const consumer = {
    events: { CRASH: 'crash', GROUP_JOIN: 'join' },
    on: (event: string, fn: (e: unknown) => void) => listeners.set(event, fn),
    connect: () => (join === 'hangs' ? new Promise(() => undefined) : Promise.resolve()),
    subscribe: async () => undefined,
    run: async ({ eachBatch }: { eachBatch: EachBatch }) => {
      calls.eachBatch = eachBatch;
      if (join === 'slow') await new Promise((r) => setTimeout(r, 100));
      // kafkajs reports a failed join as a crash event and resolves run() all the same.
      if (join === 'crashes') listeners.get('crash')?.({ payload: { error: new Error('The coordinator is not available') } });
      calls.log.push('joined');
    },
    commitOffsets: async (offsets: { partition: number; offset: string }[]) => void calls.commits.push(offsets.map(({ partition, offset }) => ({ partition, offset }))),
    disconnect: async () => {
      calls.disconnects++;
      calls.log.push('disconnect');
    },
  };
  const admin = { connect: async () => undefined, disconnect: async () => undefined };
  return { kafka: { consumer: () => consumer, admin: () => admin } as unknown as Kafka, calls };
}

/** What kafkajs passes to eachBatch for `n` records of `partition` starting at `from`. */
export const batchOf = (n: number, partition = 0, from = 0) => ({
  batch: {
    topic: 't', partition, highWatermark: String(from + n),
    messages: Array.from({ length: n }, (_, i) => ({ offset: String(from + i), key: null, value: null, headers: {}, timestamp: '0' })),
    lastOffset: () => String(from + n - 1),
  },
  heartbeat: async () => undefined, isRunning: () => true, isStale: () => false, resolveOffset: () => undefined,
});

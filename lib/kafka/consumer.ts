import type { Consumer, Kafka } from 'kafkajs';

export interface IncomingRecord {
  offset: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: number;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  records: IncomingRecord[];
  highWatermark: number;
}

export interface BatchHandlerContext {
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

/**
 * Consumer-group member that hands whole batches to `handle` and commits the offset after the
 * last record only once `handle` resolved (the caller commits its database first).
 */
export class EventConsumer {
  private readonly consumer: Consumer;

  constructor(kafka: Kafka, readonly groupId: string, private readonly opts: { sessionTimeoutMs?: number; maxBytes?: number } = {}) {
    this.consumer = kafka.consumer({
      groupId,
      sessionTimeout: opts.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 15_000,
      maxBytesPerPartition: opts.maxBytes ?? 4 * 1024 * 1024,
      maxWaitTimeInMs: 50,
      retry: { retries: 1000, initialRetryTime: 200, maxRetryTime: 3000 },
      allowAutoTopicCreation: false,
    });
  }

  async start(topic: string, handle: (batch: IncomingBatch, ctx: BatchHandlerContext) => Promise<void>) {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        if (batch.messages.length === 0 || !isRunning() || isStale()) return;
        const records: IncomingRecord[] = batch.messages.map((m) => ({
          offset: Number(m.offset),
          key: m.key ? m.key.toString() : null,
          value: m.value,
          headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, v ? v.toString() : ''])),
          timestamp: Number(m.timestamp),
        }));
        await handle({ topic: batch.topic, partition: batch.partition, records, highWatermark: Number(batch.highWatermark) }, { heartbeat, isRunning });
        const last = records[records.length - 1].offset;
        resolveOffset(String(last));
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(last + 1) }]);
      },
    });
  }

  onCrash(listener: (error: Error) => void) {
    this.consumer.on(this.consumer.events.CRASH, (e) => listener(e.payload.error));
  }

  async stop() {
    await this.consumer.disconnect().catch(() => undefined);
  }
}

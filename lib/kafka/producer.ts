import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';
import { UnavailableError } from '../errors';
import { describeKafkaError } from './explain-error';
import { partitionOf } from './partition';

export interface OutgoingRecord {
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface RecordAck {
  partition: number;
  offset: number;
}

/**
 * Idempotent producer with acks from every in-sync replica and snappy compression (gzip cost the
 * agent a fifth of its apply rate in decompression and garbage). Partitions are computed here
 * (same murmur2 as Kafka) so that each record's offset is known after the ack.
 */
export class EventProducer {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka, private readonly numPartitions: () => number, private readonly timeoutMs: number) {
    // No retry limit: kafkajs keeps an idempotent producer's retries unbounded (bounding them may
    // reorder or duplicate); the caller's wait is bounded by withTimeout instead.
    this.producer = kafka.producer({
      idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 1000 },
    });
  }

  async connect() {
    if (!this.connected) {
      await withTimeout(this.producer.connect(), this.timeoutMs, 'connecting the producer to Kafka');
      this.connected = true;
    }
  }

  /** Sends records in order; resolves with each record's partition and offset, in input order. */
  async send(topic: string, records: OutgoingRecord[]): Promise<RecordAck[]> {
    if (records.length === 0) return [];
    await this.connect();
    const n = this.numPartitions();
    const partitions = records.map((r) => partitionOf(r.key, n));
    const result = await withTimeout(
      this.producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.Snappy,
        messages: records.map((r, i) => ({ key: r.key, value: r.value, headers: r.headers, partition: partitions[i] })),
      }),
      this.timeoutMs,
      'publishing to Kafka',
    );
    const base = new Map(result.map((m) => [m.partition, Number(m.baseOffset)]));
    const seen = new Map<number, number>();
    return partitions.map((p) => {
      const idx = seen.get(p) ?? 0;
      seen.set(p, idx + 1);
      return { partition: p, offset: (base.get(p) ?? 0) + idx };
    });
  }

  async disconnect() {
    this.connected = false;
    await this.producer.disconnect().catch(() => undefined);
  }
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UnavailableError(`Kafka did not answer within ${ms} ms while ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } catch (err) {
    if (err instanceof UnavailableError) throw err;
    throw new UnavailableError(`Kafka failed while ${what}: ${describeKafkaError(err)}`, err);
  } finally {
    clearTimeout(timer);
  }
}

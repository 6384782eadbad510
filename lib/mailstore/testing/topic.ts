import { ACCOUNT_HEADER, createKafka, EVENTS_TOPIC, KafkaAdmin, partitionOf, readPartitionRange, type Kafka } from '../../kafka';
import { silentLogger } from '../../log/logger';
import { decodeEvent } from '../../replication/codec';
import type { Envelope } from '../../replication/envelope';

/** Reads what is really on carbonio.ha.events for one account (tests). */
export class TopicReader {
  readonly kafka: Kafka;
  readonly admin: KafkaAdmin;

  constructor(brokers: string[]) {
    this.kafka = createKafka({ brokers, clientId: 'carbonio-ha-test-reader' }, silentLogger);
    this.admin = new KafkaAdmin(this.kafka);
  }

  async partitionOf(accountId: string): Promise<number> {
    return partitionOf(accountId, await this.admin.partitionCount(EVENTS_TOPIC));
  }

  async highWatermark(partition: number): Promise<number> {
    return (await this.admin.highWatermarks(EVENTS_TOPIC)).get(partition) ?? 0;
  }

  /** The account's events in [from, end of partition), decoded, with their offsets. */
  async events(accountId: string, from: number): Promise<(Envelope & { offset: number })[]> {
    const p = await this.partitionOf(accountId);
    const end = await this.highWatermark(p);
    const records = await readPartitionRange(this.kafka, EVENTS_TOPIC, p, from, end, 30_000);
    return records.filter((r) => r.headers[ACCOUNT_HEADER] === accountId).map((r) => ({ ...decodeEvent(r.value), offset: r.offset }));
  }

  async close() {
    await this.admin.disconnect();
  }
}

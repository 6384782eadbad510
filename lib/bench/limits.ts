import { inTransaction, type Pool } from '../db/pool';
import { EventProducer, type Kafka, type KafkaAdmin, type OutgoingRecord } from '../kafka';
import { ITEM_COLUMNS, type ItemRow } from '../mailstore/model';
import { INSERT_ITEM_SQL } from './synthetic-events';

/** The topic the direct-producer limit writes to: like carbonio.ha.events, read by nobody. */
export const LIMIT_TOPIC = 'carbonio.ha.bench-limit';

/**
 * The machine's limit for applying rows: the raw `mariadb` driver inserting the same rows with
 * batch() in transactions of `batch` rows, into mailbox ids no replica uses (removed after).
 * Rows per second.
 */
export async function rawInsertRate(db: Pool, items: { account: number; row: ItemRow }[], batch = 2000): Promise<number> {
  const mailboxBase = 900_000_000 + Math.floor(Math.random() * 1000) * 100_000;
  const rows = items.map(({ account, row }) => [mailboxBase + account, ...ITEM_COLUMNS.map((c) => row[c])]);
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += batch) await inTransaction(db, (conn) => conn.batch(INSERT_ITEM_SQL, rows.slice(i, i + batch)));
  const seconds = (performance.now() - t0) / 1000;
  await db.query('DELETE FROM mail_item WHERE mailbox_id >= ? AND mailbox_id < ?', [mailboxBase, mailboxBase + 100_000]);
  return rows.length / seconds;
}

/**
 * The machine's limit for publishing: kafkajs (through lib/kafka's producer, the relay's settings:
 * idempotent, acks=-1, snappy) sending the same records in requests of `batch` records, one
 * request at a time as the relay does, with no database around it. Records per second.
 */
export async function directProduceRate(kafka: Kafka, admin: KafkaAdmin, partitions: number, records: OutgoingRecord[], batch = 500): Promise<number> {
  await admin.ensureTopics([{ topic: LIMIT_TOPIC, numPartitions: partitions, replicationFactor: 1, retentionMs: 3_600_000 }]);
  const producer = new EventProducer(kafka, () => partitions, 30_000);
  try {
    await producer.send(LIMIT_TOPIC, records.slice(0, Math.min(batch, records.length))); // connection and metadata
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += batch) await producer.send(LIMIT_TOPIC, records.slice(i, i + batch));
    return records.length / ((performance.now() - t0) / 1000);
  } finally {
    await producer.disconnect();
  }
}

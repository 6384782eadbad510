import { ACCOUNT_HEADER, EVENTS_TOPIC, partitionOf, readPartitionRange, type Kafka, type KafkaAdmin } from '../kafka';
import type { Logger } from '../log/logger';
import type { Queryable } from '../mailstore/sql';
import { deleteOutboxRows } from './outbox';
import { advancePositions, readPositions } from './relay-positions';

export interface RecoveryResult {
  /** Outbox rows found already on the topic and removed (published before a crash or a lost answer). */
  alreadyPublished: number;
  partitionsScanned: number;
}

/**
 * Makes publication exactly-once after an uncertain moment (a restart, a send whose answer was
 * lost): for each partition that outbox rows go to, reads the topic from relay_position + 1 to
 * the high-water mark and deletes the rows whose txId is already there. The remaining rows were
 * never published and go out in order. Positions then move to the end of what was read.
 */
export async function dropAlreadyPublished(db: Queryable, kafka: Kafka, admin: KafkaAdmin, partitionCount: number, log: Logger): Promise<RecoveryResult> {
  const rows: { id: number; account_id: string; tx_id: string }[] = await db.query(
    "SELECT id, account_id, JSON_VALUE(payload, '$.txId') AS tx_id FROM outbox ORDER BY id");
  if (rows.length === 0) return { alreadyPublished: 0, partitionsScanned: 0 };
  const byPartition = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const p = partitionOf(r.account_id, partitionCount);
    if (!byPartition.has(p)) byPartition.set(p, new Map());
    byPartition.get(p)!.set(r.tx_id, Number(r.id));
  }
  const positions = await readPositions(db);
  const hwm = await admin.highWatermarks(EVENTS_TOPIC);
  const accounts = new Set(rows.map((r) => r.account_id));
  const found: number[] = [];
  const scannedTo = new Map<number, number>();
  let scanned = 0;
  for (const [p, txIds] of byPartition) {
    const last = positions.get(p);
    const end = hwm.get(p) ?? 0;
    // No position: this node never published to p (positions are written before the first send).
    if (last === undefined || end <= last + 1) continue;
    scanned++;
    const records = await readPartitionRange(kafka, EVENTS_TOPIC, p, last + 1, end, 30_000);
    for (const rec of records) {
      if (!accounts.has(rec.headers[ACCOUNT_HEADER] ?? '') || !rec.value) continue;
      const txId = (JSON.parse(rec.value.toString('utf8')) as { txId?: string }).txId;
      const id = txId ? txIds.get(txId) : undefined;
      if (id !== undefined) found.push(id);
    }
    scannedTo.set(p, end - 1);
  }
  await deleteOutboxRows(db, found);
  await advancePositions(db, scannedTo);
  if (found.length || scanned) log.info({ alreadyPublished: found.length, partitionsScanned: scanned, leftover: rows.length - found.length }, 'publisher recovery: outbox checked against the topic');
  return { alreadyPublished: found.length, partitionsScanned: scanned };
}

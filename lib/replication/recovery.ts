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
export async function dropAlreadyPublished(db: Queryable, kafka: Kafka, admin: KafkaAdmin, partitionCount: number, log: Logger, readTimeoutMs = 30_000): Promise<RecoveryResult> {
  const accounts: { account_id: string }[] = await db.query('SELECT DISTINCT account_id FROM outbox');
  if (accounts.length === 0) return { alreadyPublished: 0, partitionsScanned: 0 };
  const positions = await readPositions(db);
  const hwm = await admin.highWatermarks(EVENTS_TOPIC);
  // Only partitions this node published to (a position exists) and that grew since.
  const toScan = new Map<number, { from: number; to: number }>();
  const accountsToCheck = new Set<string>();
  for (const { account_id } of accounts) {
    const p = partitionOf(account_id, partitionCount);
    const last = positions.get(p);
    const end = hwm.get(p) ?? 0;
    if (last === undefined || end <= last + 1) continue;
    toScan.set(p, { from: last + 1, to: end });
    accountsToCheck.add(account_id);
  }
  if (toScan.size === 0) return { alreadyPublished: 0, partitionsScanned: 0 };
  const rows: { id: number; tx_id: string }[] = await db.query(
    "SELECT id, JSON_VALUE(payload, '$.txId') AS tx_id FROM outbox WHERE account_id IN (?)", [[...accountsToCheck]]);
  const byTxId = new Map(rows.map((r) => [r.tx_id, Number(r.id)]));
  const found: number[] = [];
  const scannedTo = new Map<number, number>();
  for (const [p, range] of toScan) {
    const records = await readPartitionRange(kafka, EVENTS_TOPIC, p, range.from, range.to, readTimeoutMs);
    for (const rec of records) {
      if (!accountsToCheck.has(rec.headers[ACCOUNT_HEADER] ?? '') || !rec.value) continue;
      const txId = txIdOfRecord(rec.value);
      const id = txId ? byTxId.get(txId) : undefined;
      if (id !== undefined) found.push(id);
    }
    scannedTo.set(p, range.to - 1);
  }
  // Delete first: positions may only move past events whose rows are gone.
  await deleteOutboxRows(db, found);
  await advancePositions(db, scannedTo);
  log.info({ alreadyPublished: found.length, partitionsScanned: toScan.size, leftover: rows.length - found.length }, 'publisher recovery: outbox checked against the topic');
  return { alreadyPublished: found.length, partitionsScanned: toScan.size };
}

/** The txId of a record's envelope; undefined for a record that is not one (never fatal here). */
function txIdOfRecord(value: Buffer): string | undefined {
  try {
    const v = JSON.parse(value.toString('utf8')) as { txId?: unknown };
    return typeof v.txId === 'string' ? v.txId : undefined;
  } catch {
    return undefined;
  }
}

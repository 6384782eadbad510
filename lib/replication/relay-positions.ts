import type { Conn, Statement } from '../db/pool';
import type { KafkaAdmin } from '../kafka';
import { EVENTS_TOPIC } from '../kafka';
import type { Queryable } from '../mailstore/sql';

/**
 * relay_position: per partition, an offset at or below which every event this node published
 * is known to be. Crash recovery reads a partition from there to its end to find which outbox
 * rows were published before a crash.
 */
export async function readPositions(db: Queryable): Promise<Map<number, number>> {
  const rows: { kafka_partition: number; last_offset: number }[] = await db.query('SELECT kafka_partition, last_offset FROM relay_position');
  return new Map(rows.map((r) => [Number(r.kafka_partition), Number(r.last_offset)]));
}

/**
 * Before the first publication to a partition, records its current end (high-water mark - 1),
 * so recovery never has to read the partition from its beginning. `known` caches partitions done.
 */
export async function ensurePositions(db: Queryable, admin: KafkaAdmin, partitions: number[], known: Set<number>): Promise<void> {
  let missing = partitions.filter((p) => !known.has(p));
  if (missing.length === 0) return;
  const stored = await readPositions(db);
  for (const p of stored.keys()) known.add(p);
  missing = missing.filter((p) => !stored.has(p));
  if (missing.length === 0) return;
  const hwm = await admin.highWatermarks(EVENTS_TOPIC);
  for (const p of missing) {
    await db.query('INSERT IGNORE INTO relay_position (kafka_partition, last_offset) VALUES (?, ?)', [p, (hwm.get(p) ?? 0) - 1]);
    known.add(p);
  }
}

/** Moves positions forward (never back), in the caller's transaction: one statement for every partition. */
export function advancePositionsStatements(offsets: Map<number, number>): Statement[] {
  if (offsets.size === 0) return [];
  return [{
    sql: `INSERT INTO relay_position (kafka_partition, last_offset) VALUES ${[...offsets.keys()].map(() => '(?, ?)').join(', ')}
     ON DUPLICATE KEY UPDATE last_offset = GREATEST(last_offset, VALUES(last_offset))`,
    params: [...offsets].flat(),
  }];
}

export async function advancePositions(conn: Conn | Queryable, offsets: Map<number, number>): Promise<void> {
  for (const { sql, params } of advancePositionsStatements(offsets)) await conn.query(sql, params);
}

import type { Conn } from '../db/pool';

/**
 * Live events held back while a replica waits for or receives its snapshot, or is paused
 * (table replica_pending_event). Written in the same transaction as everything else the agent
 * applies; replayed in sequence order once the snapshot ends or the replica resumes.
 */
export interface PendingEvent {
  accountId: string;
  seq: number;
  /** The record's value exactly as received (the envelope's JSON). */
  payload: string;
}

export async function holdEvents(conn: Conn, events: PendingEvent[]) {
  if (events.length === 0) return;
  const rows = events.map((e) => [e.accountId, e.seq, e.payload]);
  if (rows.length === 1) await conn.query('INSERT IGNORE INTO replica_pending_event (account_id, seq, payload) VALUES (?, ?, ?)', rows[0]);
  else await conn.batch('INSERT IGNORE INTO replica_pending_event (account_id, seq, payload) VALUES (?, ?, ?)', rows);
}

/** Drops held events up to `seq` (they are inside a snapshot, or were just replayed). */
export async function dropHeldUpTo(conn: Conn, accountId: string, seq: number) {
  await conn.query('DELETE FROM replica_pending_event WHERE account_id = ? AND seq <= ?', [accountId, seq]);
}

export async function dropAllHeld(conn: Conn, accountId: string) {
  await conn.query('DELETE FROM replica_pending_event WHERE account_id = ?', [accountId]);
}

/** Held events above `afterSeq`, in sequence order, one page at a time. */
export async function* readHeld(conn: Conn, accountId: string, afterSeq: number, pageSize = 2000): AsyncGenerator<PendingEvent[]> {
  let from = afterSeq;
  for (;;) {
    const rows: { seq: number; payload: string }[] = await conn.query(
      'SELECT seq, payload FROM replica_pending_event WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?', [accountId, from, pageSize]);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ accountId, seq: Number(r.seq), payload: String(r.payload) }));
    if (rows.length < pageSize) return;
    from = Number(rows[rows.length - 1].seq);
  }
}

export async function countHeld(conn: Pick<Conn, 'query'>, accountId: string): Promise<number> {
  const [r] = await conn.query('SELECT COUNT(*) AS n FROM replica_pending_event WHERE account_id = ?', [accountId]);
  return Number(r.n);
}

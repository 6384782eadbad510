import type { Statement } from '../db/pool';
import type { Queryable } from '../mailstore/sql';
import { serializeEvent } from './codec';
import { idSetCondition } from './id-ranges';
import type { Envelope } from './envelope';

/** One event waiting in the transactional outbox. */
export interface OutboxRow {
  id: number;
  accountId: string;
  seq: number;
  epoch: number;
  /** The envelope's JSON, sent to Kafka unchanged. */
  payload: string;
}

/** The insert of the event into the outbox, to run in the caller's (mailbox) transaction. */
export function outboxInsertStatement(e: Envelope): Statement {
  return { sql: 'INSERT INTO outbox (account_id, seq, epoch, payload) VALUES (?, ?, ?, ?)', params: [e.accountId, e.seq, e.epoch, serializeEvent(e)] };
}

/**
 * The oldest rows, in insertion order, leaving out `exclude` (rows published whose delete is
 * still queued). A row is inserted while its mailbox row is locked, so one account's rows are
 * in seq order; rows still uncommitted are invisible and come in a later pass.
 */
export async function readOutbox(db: Queryable, limit: number, exclude: ReadonlySet<number> = new Set()): Promise<OutboxRow[]> {
  const where = exclude.size ? idSetCondition(exclude) : undefined;
  const rows: { id: number; account_id: string; seq: number; epoch: number; payload: string }[] = await db.query(
    `SELECT id, account_id, seq, epoch, payload FROM outbox ${where ? `WHERE NOT ${where.sql} ` : ''}ORDER BY id LIMIT ?`, [...where?.params ?? [], limit]);
  return rows.map((r) => ({ id: Number(r.id), accountId: r.account_id, seq: Number(r.seq), epoch: Number(r.epoch), payload: r.payload }));
}

export function deleteOutboxStatements(ids: number[]): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const { sql, params } = idSetCondition(ids.slice(i, i + 1000));
    out.push({ sql: `DELETE FROM outbox WHERE ${sql}`, params });
  }
  return out;
}

export async function deleteOutboxRows(db: Queryable, ids: number[]): Promise<void> {
  for (const { sql, params } of deleteOutboxStatements(ids)) await db.query(sql, params);
}

export async function outboxSize(db: Queryable): Promise<number> {
  const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM outbox');
  return Number(n);
}

/** The txId of a stored envelope, without validating the whole event. */
export function txIdOf(payload: string): string {
  return (JSON.parse(payload) as { txId: string }).txId;
}

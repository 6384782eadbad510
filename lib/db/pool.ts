import * as mariadb from 'mariadb';
import { connectionOptions, parseDbUrl } from './url';

export type Pool = mariadb.Pool;
export type Conn = mariadb.PoolConnection;

/**
 * A `mariadb` driver pool: the hot paths (write, publish, apply, snapshot) and the status
 * queries use it directly. Numbers come back as JS numbers; ids in this schema fit.
 */
export function createPool(url: string, opts: { connectionLimit?: number; acquireTimeout?: number; multipleStatements?: boolean } = {}): Pool {
  const t = parseDbUrl(url);
  return mariadb.createPool({
    ...connectionOptions(t),
    database: t.database,
    connectionLimit: opts.connectionLimit ?? 8,
    acquireTimeout: opts.acquireTimeout ?? 10_000,
    connectTimeout: 5_000,
    bigIntAsNumber: true,
    insertIdAsNumber: true,
    decimalAsNumber: true,
    checkDuplicate: false,
    multipleStatements: opts.multipleStatements ?? false,
    timezone: 'Z',
  });
}

/** One SQL statement and its `?` parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

export const BEGIN: Statement = { sql: 'START TRANSACTION', params: [] };
export const COMMIT: Statement = { sql: 'COMMIT', params: [] };

/**
 * Sends statements in one round trip and returns one result per statement. Each statement is a
 * socket write and a wake-up of the server, which on this kind of machine costs as much as the
 * statement itself, so the write path sends together what does not need an answer in between.
 * The connection must allow multiple statements (`createPool(..., { multipleStatements: true })`).
 * The server stops at the first failing statement and the call rejects with its error.
 */
export async function queryAll(conn: Pick<Conn, 'query'>, statements: Statement[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  if (statements.length === 1) return [await conn.query(statements[0].sql, statements[0].params)];
  // mariadb 3.5's reader dispatches a packet that follows another in the same socket read as a
  // row, without taking the finished command off its queue; when a batch ends with an OK packet
  // (COMMIT, UPDATE) the pool then sees a command in flight on release and sends a ROLLBACK: one
  // more round trip after most writes (693 of 1,200 concurrent ones, counted with Com_rollback).
  // A batch that ends with a result set is taken off the queue at its EOF packet.
  const endsWithRows = /^\s*SELECT\b/i.test(statements[statements.length - 1].sql);
  const all = endsWithRows ? statements : [...statements, { sql: 'SELECT 1', params: [] }];
  const res = (await conn.query(all.map((s) => s.sql).join(';\n'), all.flatMap((s) => s.params))) as unknown[];
  return endsWithRows ? res : res.slice(0, statements.length);
}

/** `statements` as one transaction in one round trip (queryAll); rolled back if any fails. */
export async function commitAll(pool: Pool, statements: Statement[]): Promise<void> {
  const conn = await pool.getConnection();
  try {
    await queryAll(conn, [BEGIN, ...statements, COMMIT]);
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}

/** Runs fn in one transaction on one connection; rolls back on any error. */
export async function inTransaction<T>(pool: Pool, fn: (conn: Conn) => Promise<T>, isolation?: 'REPEATABLE READ' | 'READ COMMITTED'): Promise<T> {
  const conn = await pool.getConnection();
  try {
    if (isolation) await conn.query(`SET TRANSACTION ISOLATION LEVEL ${isolation}`);
    await conn.beginTransaction();
    try {
      const result = await fn(conn);
      await conn.commit();
      return result;
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      throw err;
    }
  } finally {
    conn.release();
  }
}

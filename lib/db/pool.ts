import * as mariadb from 'mariadb';
import { connectionOptions, parseDbUrl } from './url';

export type Pool = mariadb.Pool;
export type Conn = mariadb.PoolConnection;

/**
 * A `mariadb` driver pool: the hot paths (write, publish, apply, snapshot) and the status
 * queries use it directly. Numbers come back as JS numbers; ids in this schema fit.
 */
export function createPool(url: string, opts: { connectionLimit?: number; acquireTimeout?: number } = {}): Pool {
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
    timezone: 'Z',
  });
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

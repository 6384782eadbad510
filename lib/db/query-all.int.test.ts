import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitAll, createPool, queryAll, type Pool } from './pool';
import { withDatabase } from './url';

// queryAll on the real server: one result per statement, a failing statement stops the batch,
// and batches that end with COMMIT leave nothing for the pool to roll back on release.
const server = process.env.CARBONIO_TEST_DB_URL!;
const database = `qa_${randomBytes(4).toString('hex')}`;
let admin: Pool;
let pool: Pool;

beforeAll(async () => {
  admin = createPool(server, { connectionLimit: 1 });
  await admin.query(`CREATE DATABASE ${database}`);
  pool = createPool(withDatabase(server, database), { connectionLimit: 8, multipleStatements: true });
  await pool.query('CREATE TABLE counter (id INT PRIMARY KEY, v INT NOT NULL)');
  await pool.batch('INSERT INTO counter VALUES (?, 0)', Array.from({ length: 16 }, (_, i) => [i + 1]));
});
afterAll(async () => {
  await pool?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin?.end();
});

it('answers one result per statement, in order', async () => {
  const conn = await pool.getConnection();
  try {
    const [begin, rows] = await queryAll(conn, [{ sql: 'START TRANSACTION', params: [] }, { sql: 'SELECT v FROM counter WHERE id = ? FOR UPDATE', params: [1] }]);
    expect(begin).toMatchObject({ affectedRows: 0 });
    expect(rows).toEqual([{ v: 0 }]);
    const results = await queryAll(conn, [{ sql: 'UPDATE counter SET v = v + ? WHERE id IN (?)', params: [5, [1, 2]] }, { sql: 'COMMIT', params: [] }]);
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ affectedRows: 2 });
    expect(await queryAll(conn, [{ sql: 'SELECT v FROM counter WHERE id = ?', params: [2] }])).toEqual([[{ v: 5 }]]);
  } finally {
    conn.release();
  }
});

it('stops at the first failing statement and rejects with its error', async () => {
  const conn = await pool.getConnection();
  try {
    const failing = queryAll(conn, [
      { sql: 'START TRANSACTION', params: [] },
      { sql: 'UPDATE counter SET v = 100 WHERE id = ?', params: [3] },
      { sql: 'UPDATE no_such_table SET v = 1', params: [] },
      { sql: 'COMMIT', params: [] },
    ]);
    await expect(failing).rejects.toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
    await conn.rollback();
  } finally {
    conn.release();
  }
  expect(await pool.query('SELECT v FROM counter WHERE id = 3')).toEqual([{ v: 0 }]);
});

it('concurrent transactions committed in a batch leave no ROLLBACK for the pool to send on release', async () => {
  const sessions = async () => {
    const conns = await Promise.all(Array.from({ length: 8 }, () => pool.getConnection()));
    try {
      const counts = await Promise.all(conns.map((c) => c.query("SHOW SESSION STATUS LIKE 'Com_rollback'")));
      return counts.reduce((sum, [row]) => sum + Number(row.Value), 0);
    } finally {
      for (const c of conns) c.release();
    }
  };
  const before = await sessions();
  await Promise.all(Array.from({ length: 16 }, async (_, k) => {
    for (let i = 0; i < 25; i++) {
      const conn = await pool.getConnection();
      try {
        await queryAll(conn, [{ sql: 'START TRANSACTION', params: [] }, { sql: 'SELECT v FROM counter WHERE id = ? FOR UPDATE', params: [k + 1] }]);
        await queryAll(conn, [{ sql: 'UPDATE counter SET v = v + 1 WHERE id = ?', params: [k + 1] }, { sql: 'COMMIT', params: [] }]);
      } finally {
        conn.release();
      }
    }
  }));
  expect(await sessions()).toBe(before);
  const [{ total }] = await pool.query('SELECT CAST(SUM(v) AS SIGNED) AS total FROM counter WHERE id > 3');
  expect(Number(total)).toBe(13 * 25);
});

it('commitAll commits its statements as one transaction, and keeps none of them when one fails', async () => {
  await commitAll(pool, [{ sql: 'UPDATE counter SET v = 7 WHERE id = ?', params: [1] }, { sql: 'UPDATE counter SET v = 8 WHERE id = ?', params: [2] }]);
  await expect(commitAll(pool, [{ sql: 'UPDATE counter SET v = 70 WHERE id = ?', params: [1] }, { sql: 'DELETE FROM no_such_table', params: [] }])).rejects.toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
  expect(await pool.query('SELECT id, v FROM counter WHERE id IN (1, 2) ORDER BY id')).toEqual([{ id: 1, v: 7 }, { id: 2, v: 8 }]);
  // The connection that failed went back to the pool without an open transaction.
  const conns = await Promise.all(Array.from({ length: 8 }, () => pool.getConnection()));
  try {
    for (const c of conns) expect(await c.query('SELECT @@in_transaction AS t')).toEqual([{ t: 0 }]);
  } finally {
    for (const c of conns) c.release();
  }
});

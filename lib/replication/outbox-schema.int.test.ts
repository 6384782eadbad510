import { afterAll, expect, it } from 'vitest';
import { migrateDatabase } from '../db/migrate';
import { mailstoreDatabaseName } from '../db/names';
import { createPool } from '../db/pool';
import { withDatabase } from '../db/url';

const dbUrl = process.env.CARBONIO_TEST_DB_URL!;
const database = mailstoreDatabaseName('outbox-schema.example.com', `t_${process.env.CARBONIO_TEST_RUN_PREFIX ?? ''}outbox_schema_`);
const pool = createPool(dbUrl, { connectionLimit: 1 });
afterAll(async () => {
  await pool.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await pool.end();
});

// Every protected write inserts an outbox row and the relay reads and deletes it: a secondary
// index doubled the server's work per event (see the migration that dropped it).
it('the outbox has its primary key and no other index', async () => {
  await pool.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await migrateDatabase(withDatabase(dbUrl, database), 'mailstore');
  const rows = await pool.query<{ name: string }[]>(
    "SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'outbox'", [database]);
  expect(rows.map((r) => r.name)).toEqual(['PRIMARY']);
});

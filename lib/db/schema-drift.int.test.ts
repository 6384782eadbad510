import * as mariadb from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from './migrate';
import { haDatabaseName, mailstoreDatabaseName } from './names';
import { compareSchema, describeDatabase } from './schema-drift';
import { expectedTables, readDmmf } from './schema-model';
import { withDatabase } from './url';
import { projectRoot } from '../config/paths';

const dbUrl = process.env.CARBONIO_TEST_DB_URL!;
const PREFIX = 't_drift_';
let conn: mariadb.Connection;

beforeAll(async () => {
  const u = new URL(dbUrl);
  conn = await mariadb.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username || 'root' });
  for (const db of [haDatabaseName(PREFIX), mailstoreDatabaseName('drift.example.com', PREFIX)]) await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
});
afterAll(async () => {
  await conn.end();
});

describe.each([
  ['ha', haDatabaseName(PREFIX)],
  ['mailstore', mailstoreDatabaseName('drift.example.com', PREFIX)],
] as const)('the %s database', (schema, database) => {
  it('is created and migrated once, then left alone', async () => {
    const first = await migrateDatabase(withDatabase(dbUrl, database), schema);
    expect(first.length).toBeGreaterThan(0);
    expect(await migrateDatabase(withDatabase(dbUrl, database), schema)).toEqual([]);
    const rows = await conn.query(`SELECT migration_name, finished_at FROM \`${database}\`._prisma_migrations ORDER BY migration_name`);
    expect(rows.map((r: { migration_name: string }) => r.migration_name)).toEqual(first);
  });

  it('matches its Prisma schema: tables, columns, types, defaults, indexes and foreign keys', async () => {
    const expected = expectedTables(readDmmf(`${projectRoot()}/prisma/${schema}/schema.prisma`));
    const diffs = compareSchema(expected, await describeDatabase(conn, database));
    expect(diffs).toEqual([]);
  });

  it('drift is detected: a changed column and an extra index are both reported', async () => {
    const expected = expectedTables(readDmmf(`${projectRoot()}/prisma/${schema}/schema.prisma`));
    const actual = await describeDatabase(conn, database);
    const table = actual[0];
    const mutated = actual.map((t) => t === table ? {
      ...t,
      columns: t.columns.map((c, i) => (i === 0 ? { ...c, type: 'varchar(7)' } : c)),
      indexes: [...t.indexes, { name: 'rogue_idx', columns: [t.columns[1].name], unique: false, primary: false }],
    } : t);
    const diffs = compareSchema(expected, mutated);
    expect(diffs.some((d) => d.includes(`${table.name}.${table.columns[0].name} is varchar(7)`))).toBe(true);
    expect(diffs.some((d) => d.includes('rogue_idx'))).toBe(true);
  });
});

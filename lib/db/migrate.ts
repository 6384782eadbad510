import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as mariadb from 'mariadb';
import { projectRoot } from '../config/paths';
import { ConflictError, UnavailableError } from '../errors';
import { connectionOptions, describeTarget, parseDbUrl, redactDbUrl } from './url';

export type SchemaName = 'ha' | 'mailstore';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(schema: SchemaName): string {
  return path.join(projectRoot(), 'prisma', schema, 'migrations');
}

export function readMigrations(schema: SchemaName): MigrationFile[] {
  const dir = migrationsDir(schema);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Prisma's own bookkeeping table, so `prisma migrate status` would read it too. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  checksum VARCHAR(64) NOT NULL,
  finished_at DATETIME(3) NULL,
  migration_name VARCHAR(255) NOT NULL,
  logs TEXT NULL,
  rolled_back_at DATETIME(3) NULL,
  started_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  applied_steps_count INT UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

function statements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\r?\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

/**
 * Creates the database when missing and applies every migration not yet applied, in order,
 * under a named lock so that several nodes starting at once do not race. Idempotent.
 * Returns the names of the migrations it applied.
 */
export async function migrateDatabase(url: string, schema: SchemaName): Promise<string[]> {
  const target = parseDbUrl(url);
  if (!target.database) throw new ConflictError(`The URL ${redactDbUrl(url)} names no database to migrate`);
  let conn: mariadb.Connection;
  try {
    conn = await mariadb.createConnection({
      ...connectionOptions(target),
      connectTimeout: 5000, multipleStatements: false,
    });
  } catch (err) {
    throw new UnavailableError(`Cannot connect to MariaDB at ${describeTarget(target)} as ${target.user}: ${(err as Error).message}`, err);
  }
  const applied: string[] = [];
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.query(`USE \`${target.database}\``);
    const [lock] = await conn.query('SELECT GET_LOCK(?, 60) AS got', [`carbonio_migrate_${target.database}`]);
    if (Number(lock.got) !== 1) throw new UnavailableError(`Timed out waiting for the migration lock of ${target.database}`);
    try {
      await conn.query(MIGRATIONS_TABLE);
      const rows: { migration_name: string; checksum: string; finished_at: Date | null }[] = await conn.query(
        'SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL',
      );
      const done = new Map(rows.map((r) => [r.migration_name, r]));
      for (const m of readMigrations(schema)) {
        const prior = done.get(m.name);
        if (prior?.finished_at) {
          if (prior.checksum !== m.checksum) {
            throw new ConflictError(`Migration ${m.name} was changed after it was applied to ${target.database}; add a new migration instead`);
          }
          continue;
        }
        if (prior) {
          throw new ConflictError(`Migration ${m.name} failed part-way on ${target.database} earlier; repair the database by hand, then delete its _prisma_migrations row`);
        }
        const id = randomUUID();
        await conn.query('INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES (?, ?, ?)', [id, m.checksum, m.name]);
        let steps = 0;
        for (const stmt of statements(m.sql)) {
          await conn.query(stmt);
          steps++;
        }
        await conn.query('UPDATE _prisma_migrations SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = ? WHERE id = ?', [steps, id]);
        applied.push(m.name);
      }
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [`carbonio_migrate_${target.database}`]);
    }
  } finally {
    await conn.end();
  }
  return applied;
}

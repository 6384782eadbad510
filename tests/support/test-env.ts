import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as mariadb from 'mariadb';
import { projectRoot } from '../../lib/config/paths';
import { migrateDatabase } from '../../lib/db/migrate';
import { haDatabaseName, mailstoreDatabaseName } from '../../lib/db/names';
import { createHaPrisma, type HaPrisma } from '../../lib/db/prisma';
import { withDatabase } from '../../lib/db/url';
import { createLogger, type Logger } from '../../lib/log/logger';
import { recentLogStream } from './recent-logs';
import { defaultComponents } from '../../lib/node/default-components';
import { MailstoreNode, type ComponentFactory } from '../../lib/node/node';
import type { NodeConfigInput } from '../../lib/node/config';
import { waitForReadyLine } from '../../lib/node/ready-line';

/**
 * An isolated world for one integration test file: its own database prefix (so its HA and
 * mailstore databases are its own), the shared test Kafka, a shared blob folder, and helpers
 * to start mailstore nodes in this process or as child processes (for SIGKILL tests).
 */
export interface TestEnv {
  prefix: string;
  /** The nodes' namespace (the prefix without its trailing underscore): Kafka group names carry it. */
  namespace: string;
  dbUrl: string;
  brokers: string[];
  haDbUrl: string;
  blobDir: string;
  prisma: HaPrisma;
  log: Logger;
  mailstoreDbUrl(host: string): string;
  startNode(host: string, opts?: { factories?: ComponentFactory[]; config?: Partial<NodeConfigInput> }): Promise<MailstoreNode>;
  spawnNode(host: string, opts?: { port?: number; centralized?: boolean; env?: Record<string, string | undefined> }): Promise<{ child: ChildProcess; apiUrl: string }>;
  /** Environment for child processes (nodes, the CLI) so they find this env's databases. */
  childEnv(): NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

export async function createTestEnv(name: string, opts: { verbose?: boolean } = {}): Promise<TestEnv> {
  const dbUrl = process.env.CARBONIO_TEST_DB_URL;
  const brokers = process.env.CARBONIO_TEST_BROKERS?.split(',');
  if (!dbUrl || !brokers) throw new Error('integration tests run under tests/global-setup.ts (vitest --project integration)');
  // CARBONIO_TEST_RUN_PREFIX lets a second test run share the database server without sharing databases.
  const prefix = `t_${process.env.CARBONIO_TEST_RUN_PREFIX ?? ''}${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_`;
  await dropDatabases(dbUrl, prefix);
  const namespace = prefix.replace(/_+$/, '');
  const haDbUrl = withDatabase(dbUrl, haDatabaseName(prefix));
  await migrateDatabase(haDbUrl, 'ha');
  const prisma = createHaPrisma(haDbUrl);
  await prisma.globalConfig.upsert({ where: { key: 'brokers' }, create: { key: 'brokers', value: brokers.join(',') }, update: { value: brokers.join(',') } });
  const blobDir = mkdtempSync(path.join(os.tmpdir(), `carbonio-blobs-${name}-`));
  // CARBONIO_TEST_LOG=warn (or debug, ...) shows the nodes' logs while debugging a test.
  const level = opts.verbose ? 'debug' : process.env.CARBONIO_TEST_LOG;
  const log = level ? createLogger(`test:${name}`, level) : createLogger(`test:${name}`, 'info', recentLogStream);
  const nodes: MailstoreNode[] = [];
  const children: ChildProcess[] = [];
  const mailstoreDbUrl = (host: string) => withDatabase(dbUrl, mailstoreDatabaseName(host, prefix));
  const childEnv = (): NodeJS.ProcessEnv => ({
    ...process.env,
    CARBONIO_DB_URL: dbUrl,
    CARBONIO_DB_PREFIX: prefix,
    CARBONIO_BLOB_DIR: blobDir,
    CARBONIO_LOG_LEVEL: opts.verbose ? 'debug' : 'warn',
  });
  return {
    prefix, namespace, dbUrl, brokers, haDbUrl, blobDir, prisma, log, mailstoreDbUrl, childEnv,
    async startNode(host, o = {}) {
      const node = new MailstoreNode({
        host, namespace, port: 0, haDbUrl, mailstoreDbUrl: mailstoreDbUrl(host),
        volumes: [{ name: 'primary', kind: 'primary', path: blobDir, centralized: true }],
        publishTimeoutMs: 5000, ...o.config,
      }, log.child({ host }), o.factories ?? defaultComponents);
      await node.start();
      nodes.push(node);
      return node;
    },
    async spawnNode(host, o = {}) {
      // The node itself is the child (no npx in between), so a SIGKILL of the child kills the node.
      const args = ['--import', 'tsx', 'bin/mailstore-node.ts', '--host', host, '--port', String(o.port ?? 0), '--centralized', String(o.centralized ?? true)];
      const child = spawn(process.execPath, args, { cwd: projectRoot(), env: { ...childEnv(), CARBONIO_EXIT_WITH_PARENT: '1', ...o.env }, stdio: ['pipe', 'pipe', 'inherit'] });
      children.push(child);
      const apiUrl = await waitForReadyLine(child, host, { timeoutMs: 60_000 });
      return { child, apiUrl };
    },
    async cleanup() {
      for (const n of nodes.reverse()) await n.stop().catch(() => undefined);
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      await prisma.$disconnect();
    },
  };
}

async function dropDatabases(dbUrl: string, prefix: string) {
  const u = new URL(dbUrl);
  const conn = await mariadb.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username || 'root', password: decodeURIComponent(u.password) });
  try {
    const rows: { name: string }[] = await conn.query('SELECT SCHEMA_NAME name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?', [`${prefix.replace(/_/g, '\\_')}%`]);
    for (const r of rows) await conn.query(`DROP DATABASE \`${r.name}\``);
  } finally {
    await conn.end();
  }
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/paths';
import { writeRuntimeInfo } from '../config/runtime-file';
import { createPool } from '../db/pool';
import { migrateDatabase } from '../db/migrate';
import { haDatabaseName } from '../db/names';
import { withDatabase } from '../db/url';
import { seedDirectory } from '../seed/seed-directory';
import { startChild, type ManagedChild } from './child-process';
import { ensureConsoleBuild } from './console-build';
import { kafkaStatus, startKafka, stopKafka, type KafkaClusterOptions } from './kafka-cluster';
import { checkDbServer, startPrivateMariaDb, stopPrivateMariaDb } from './mariadb-server';
import { portOpen } from './processes';
import { StackError } from './java';

export interface StackOptions {
  /** Root of this stack's files (Kafka data, private MariaDB, blobs, logs). */
  dataDir: string;
  /** An existing MariaDB server; without it a private one runs under dataDir on dbPort. */
  dbUrl?: string;
  dbPort?: number;
  dbPrefix?: string;
  kafkaPort?: number;
  kafkaBrokers?: 1 | 3;
  nodes: { host: string; port: number }[];
  console?: { port: number };
  /** Accounts of the generated domain; 0 skips the directory seed. */
  generatedAccounts?: number;
  log?: (line: string) => void;
}

export interface RunningStack {
  dbUrl: string;
  dbPrefix: string;
  haDbUrl: string;
  brokers: string[];
  blobDir: string;
  nodes: { host: string; apiUrl: string; pid: number }[];
  consoleUrl?: string;
  /** Environment under which other processes (CLI, traffic) reach this stack. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Brings up a whole system: MariaDB, Kafka, the HA database, the mailstore nodes and, optionally,
 * the console. Used by `npm run demo`, the browser tests and the benchmark. Each part that was
 * already running is reused and left running on stop().
 */
export async function startStack(o: StackOptions): Promise<RunningStack> {
  const log = o.log ?? (() => undefined);
  const root = projectRoot();
  const prefix = o.dbPrefix ?? '';
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => log(`stop: ${(err as Error).message}`));
    stops.length = 0;
  };
  try {
    mkdirSync(o.dataDir, { recursive: true });
    let dbUrl = o.dbUrl;
    if (dbUrl) await checkDbServer(dbUrl);
    else {
      const db = { dir: path.join(o.dataDir, 'mariadb'), port: o.dbPort ?? 3307, log };
      dbUrl = await startPrivateMariaDb(db);
      stops.push(() => stopPrivateMariaDb(db));
    }
    const kafkaOpts: KafkaClusterOptions = {
      dir: path.join(o.dataDir, 'kafka', o.kafkaBrokers === 3 ? 'triple' : 'single'),
      libDir: path.join(root, '.data', 'kafka', 'libs'),
      brokers: o.kafkaBrokers ?? 1,
      basePort: o.kafkaPort ?? 9092,
      log,
    };
    const kafkaWasUp = (await kafkaStatus(kafkaOpts)).running;
    const { brokers } = await startKafka(kafkaOpts);
    if (!kafkaWasUp) stops.push(() => stopKafka(kafkaOpts));
    log(`Kafka ${brokers.join(',')} is up`);

    const haDbUrl = withDatabase(dbUrl, haDatabaseName(prefix));
    await migrateDatabase(haDbUrl, 'ha');
    if ((o.generatedAccounts ?? 0) >= 0) {
      const pool = createPool(haDbUrl, { connectionLimit: 2 });
      try {
        const r = await seedDirectory(pool, { mailstores: o.nodes.map((n) => n.host), generatedAccounts: o.generatedAccounts ?? 0, brokers });
        log(`Directory: ${r.totalAccounts} accounts (${r.createdAccounts} new)`);
      } finally {
        await pool.end();
      }
    }

    const blobDir = path.join(o.dataDir, 'blobs');
    mkdirSync(blobDir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CARBONIO_DB_URL: dbUrl,
      CARBONIO_DB_PREFIX: prefix,
      CARBONIO_DATA_DIR: o.dataDir,
      CARBONIO_BLOB_DIR: blobDir,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    const children: ManagedChild[] = [];
    stops.push(async () => {
      await Promise.all(children.map((c) => c.stop()));
    });
    const nodes = await Promise.all(o.nodes.map(async (n) => {
      if (await portOpen(n.port)) throw new StackError(`Port ${n.port} for mailstore ${n.host} is already in use; stop what holds it (ss -ltnp 'sport = :${n.port}').`);
      const child = await startChild({
        name: `mailstore ${n.host}`,
        cmd: process.execPath,
        args: ['--import', 'tsx', path.join(root, 'bin', 'mailstore-node.ts'), '--host', n.host, '--port', String(n.port), '--blob-dir', blobDir],
        env, cwd: root, logFile: path.join(o.dataDir, 'logs', `${n.host}.log`),
        ready: (l) => l.includes('"ready":true'), timeoutMs: 90_000,
      });
      children.push(child);
      log(`Mailstore ${n.host} is up on port ${n.port}`);
      return { host: n.host, apiUrl: `http://127.0.0.1:${n.port}`, pid: child.child.pid! };
    }));

    let consoleUrl: string | undefined;
    if (o.console) {
      if (await portOpen(o.console.port)) throw new StackError(`Port ${o.console.port} for the console is already in use; stop what holds it or choose another port.`);
      ensureConsoleBuild(root, log);
      const child = await startChild({
        name: 'console',
        cmd: process.execPath,
        args: [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(o.console.port), '-H', '127.0.0.1'],
        env, cwd: root, logFile: path.join(o.dataDir, 'logs', 'console.log'),
        ready: (l) => /Ready in|started server/i.test(l), timeoutMs: 60_000,
      });
      children.push(child);
      consoleUrl = `http://localhost:${o.console.port}`;
    }

    writeRuntimeInfo({
      dbUrl, dbPrefix: prefix, brokers, consoleUrl, blobDir,
      nodes: Object.fromEntries(nodes.map((n) => [n.host, { apiUrl: n.apiUrl, pid: n.pid }])),
      startedAt: new Date().toISOString(),
    }, o.dataDir);
    return { dbUrl, dbPrefix: prefix, haDbUrl, brokers, blobDir, nodes, consoleUrl, env, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

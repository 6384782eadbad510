import { rmSync } from 'node:fs';
import path from 'node:path';
import * as mariadb from 'mariadb';
import { projectRoot } from '../config/paths';
import { connectionOptions, parseDbUrl } from '../db/url';
import { agentGroupId, createKafka, KafkaAdmin } from '../kafka';
import { silentLogger } from '../log/logger';
import { kafkaStatus, startKafka, stopKafka, type KafkaClusterOptions } from '../stack/kafka-cluster';
import { checkDbServer, startPrivateMariaDb, stopPrivateMariaDb } from '../stack/mariadb-server';

/** Where the benchmark keeps its own Kafka, private MariaDB, blobs and node logs. */
export const BENCH_DIR = path.join(projectRoot(), '.data', 'bench');

export interface Infrastructure {
  dbUrl: string;
  brokers: string[];
  /** What the benchmark started itself (and stops at the end). */
  started: string[];
  stop(): Promise<void>;
}

/**
 * MariaDB (CARBONIO_DB_URL, else a private server under .data/bench on port 23306) and Kafka
 * (the given brokers, else the benchmark's own single broker under .data/bench/kafka on port
 * 29092, started with empty topics so each run sees the same broker). Only what was started
 * here is stopped by stop().
 */
export async function startInfrastructure(o: { brokers?: string[]; log: (l: string) => void }): Promise<Infrastructure> {
  const stops: (() => Promise<void>)[] = [];
  const started: string[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => o.log(`stopping: ${(err as Error).message}`));
    stops.length = 0;
  };
  try {
    let dbUrl = process.env.CARBONIO_DB_URL;
    if (dbUrl) await checkDbServer(dbUrl);
    else {
      const db = { dir: path.join(BENCH_DIR, 'mariadb'), port: Number(process.env.CARBONIO_BENCH_DB_PORT ?? 23306), log: o.log };
      dbUrl = await startPrivateMariaDb(db);
      stops.push(() => stopPrivateMariaDb(db));
      started.push(`private MariaDB on port ${db.port}`);
    }
    let brokers = o.brokers;
    if (!brokers) {
      const k: KafkaClusterOptions = {
        dir: path.join(BENCH_DIR, 'kafka', 'single'), libDir: path.join(projectRoot(), '.data', 'kafka', 'libs'), brokers: 1,
        basePort: Number(process.env.CARBONIO_BENCH_KAFKA_PORT ?? 29092), heapMb: 512, log: o.log,
      };
      if (!(await kafkaStatus(k)).running) {
        rmSync(k.dir, { recursive: true, force: true });
        stops.push(() => stopKafka(k));
        started.push(`Kafka on port ${k.basePort}`);
      }
      brokers = (await startKafka(k)).brokers;
    }
    return { dbUrl, brokers, started, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Drops every database whose name starts with `prefix` (the benchmark's own, from a previous run). */
export async function dropDatabases(dbUrl: string, prefix: string) {
  const t = parseDbUrl(dbUrl);
  const conn = await mariadb.createConnection(connectionOptions(t));
  try {
    const rows: { name: string }[] = await conn.query('SELECT SCHEMA_NAME name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?', [`${prefix.replace(/_/g, '\\_')}%`]);
    for (const r of rows) await conn.query(`DROP DATABASE \`${r.name}\``);
  } finally {
    await conn.end();
  }
}

/** Forgets the agent groups of these hosts, so a rerun on a kept broker does not resume old offsets. */
export async function resetAgentGroups(brokers: string[], namespace: string, hosts: string[]) {
  const admin = new KafkaAdmin(createKafka({ brokers }, silentLogger));
  try {
    for (const h of hosts) await admin.deleteGroup(agentGroupId(h, namespace));
  } finally {
    await admin.disconnect();
  }
}

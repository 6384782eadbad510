import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createPool, type Pool } from '../db/pool';
import { migrateDatabase } from '../db/migrate';
import { haDatabaseName, mailstoreDatabaseName } from '../db/names';
import { withDatabase } from '../db/url';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { createLogger, silentLogger } from '../log/logger';
import { buildNodeBundle } from '../node/bundle';
import { BenchNode } from './bench-node';
import { BENCH_DIR, dropDatabases, resetAgentGroups, startInfrastructure, type Infrastructure } from './infrastructure';

export type HostRole = 'source' | 'destination' | 'other';

/**
 * The system under test: the HA database `<prefix>carbonio_ha`, three mailstore nodes as child
 * processes (`source` hosts the protected accounts of the lag and failover runs, `other` those
 * of the throughput, switchover and initial-sync runs, `destination` holds every replica), and
 * the core as the CLI uses it (`ctx`).
 */
export interface BenchWorld {
  infra: Infrastructure;
  prefix: string;
  namespace: string;
  haDbUrl: string;
  ctx: HaContextHandle;
  hosts: Record<HostRole, string>;
  nodes: Record<HostRole, BenchNode>;
  /** Each mailstore's own database (mariadb driver). */
  db: Record<HostRole, Pool>;
  mailstoreDbUrl(host: string): string;
  log: (line: string) => void;
  close(): Promise<void>;
}

/** Host names that carry the database prefix, so agent groups never collide with other runs'. */
export function benchHosts(prefix: string): Record<HostRole, string> {
  const d = prefix.replace(/_+$/, '').replace(/_/g, '-');
  return { source: `mbox1.${d}.test`, destination: `mbox2.${d}.test`, other: `mbox3.${d}.test` };
}

export async function startWorld(o: { prefix: string; brokers?: string[]; log: (l: string) => void }): Promise<BenchWorld> {
  const infra = await startInfrastructure({ brokers: o.brokers, log: o.log });
  const cleanups: (() => Promise<void>)[] = [async () => infra.stop()];
  const close = async () => {
    for (const c of cleanups.reverse()) await c().catch((err) => o.log(`cleanup: ${(err as Error).message}`));
    cleanups.length = 0;
  };
  try {
    const namespace = o.prefix.replace(/_+$/, '');
    const hosts = benchHosts(o.prefix);
    await dropDatabases(infra.dbUrl, o.prefix);
    await resetAgentGroups(infra.brokers, namespace, Object.values(hosts));
    const haDbUrl = withDatabase(infra.dbUrl, haDatabaseName(o.prefix));
    await migrateDatabase(haDbUrl, 'ha');
    const ctx = createHaContext({ haDbUrl, actor: { email: 'bench@example.com', role: 'global_admin', origin: 'cli' }, log: silentLogger, poolSize: 6 });
    cleanups.push(() => ctx.close());
    await ctx.prisma.globalConfig.upsert({ where: { key: 'brokers' }, create: { key: 'brokers', value: infra.brokers.join(',') }, update: { value: infra.brokers.join(',') } });
    for (const licensed of ['ZxHA', 'ha_basic']) {
      await ctx.prisma.license.upsert({ where: { module: licensed }, create: { module: licensed, quantity: 1_000_000, licensed: true }, update: { quantity: 1_000_000, licensed: true } });
    }
    const blobDir = path.join(BENCH_DIR, 'blobs', namespace);
    mkdirSync(blobDir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env, CARBONIO_DB_URL: infra.dbUrl, CARBONIO_DB_PREFIX: o.prefix, CARBONIO_BLOB_DIR: blobDir,
      CARBONIO_LOG_LEVEL: process.env.CARBONIO_BENCH_LOG ?? 'warn',
    };
    delete env.CARBONIO_HA_DB_URL; // each node derives its databases from the URL and prefix above
    delete env.CARBONIO_MAILSTORE_DB_URL;
    const logDir = path.join(BENCH_DIR, 'logs');
    const roles = Object.keys(hosts) as HostRole[];
    const bundle = await buildNodeBundle();
    const spawned = await Promise.allSettled(roles.map((r) => BenchNode.spawn(hosts[r], env, logDir, blobDir, bundle)));
    cleanups.push(async () => {
      await Promise.all(spawned.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    });
    const failed = spawned.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const nodes = Object.fromEntries(roles.map((r, i) => [r, (spawned[i] as PromiseFulfilledResult<BenchNode>).value])) as Record<HostRole, BenchNode>;
    const mailstoreDbUrl = (host: string) => withDatabase(infra.dbUrl, mailstoreDatabaseName(host, o.prefix));
    const db = Object.fromEntries(roles.map((r) => [r, createPool(mailstoreDbUrl(hosts[r]), { connectionLimit: 4 })])) as Record<HostRole, Pool>;
    cleanups.push(async () => {
      await Promise.all(Object.values(db).map((p) => p.end()));
    });
    o.log(`mailstores up: ${roles.map((r) => `${hosts[r]} (${r}, pid ${nodes[r].pid})`).join(', ')}`);
    return { infra, prefix: o.prefix, namespace, haDbUrl, ctx, hosts, nodes, db, mailstoreDbUrl, log: o.log, close };
  } catch (err) {
    await close();
    throw err;
  }
}

export const benchLogger = () => createLogger('bench', process.env.CARBONIO_BENCH_LOG ?? 'warn');

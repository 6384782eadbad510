import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createPool } from '../../../lib/db/pool';
import type { HaContextHandle } from '../../../lib/ha/context';
import { verifyAccount } from '../../../lib/ha/verify-account';
import { bulkMessages as insertBulkMessages } from '../../../lib/mailstore/testing/bulk-messages';
import { waitFor } from '../../../lib/mailstore/testing/seed';
import { expectedLiveItems, readAckedLog } from '../../../lib/traffic/acked-check';
import { runTraffic, type TrafficCounts } from '../../../lib/traffic/run-traffic';
import { coreContext, itemIdsOn, license, replicate, seedMailboxes } from '../../promotion/promotion-kit';
import { createTestEnv, type TestEnv } from '../../support/test-env';
import { startDedicatedKafka, type DedicatedKafka } from './dedicated-kafka';

export interface SpawnedNode {
  child: ChildProcess;
  apiUrl: string;
}

/**
 * A fault test's world: its own databases, its own Kafka (never the shared test broker: the
 * faults would hit other tests), a source and a destination mailstore as child processes, and
 * `accounts` accounts on the source replicated to the destination.
 */
export interface FaultWorld {
  env: TestEnv;
  ctx: HaContextHandle;
  kafka: DedicatedKafka;
  source: string;
  destination: string;
  src: SpawnedNode;
  dst: SpawnedNode;
  accounts: { id: string; name: string }[];
  /** Spawns the destination again (after a kill), with the same environment as the first time. */
  respawnDestination(extraEnv?: Record<string, string>): Promise<SpawnedNode>;
}

/** CARBONIO_FAULT_LOGS=<dir>: each node's log lines are appended to <dir>/<host>.log (debugging). */
function keepLogs(host: string, node: SpawnedNode): SpawnedNode {
  const dir = process.env.CARBONIO_FAULT_LOGS;
  if (dir) node.child.stdout?.on('data', (d: Buffer) => appendFileSync(path.join(dir, `${host}.log`), d));
  return node;
}

export interface FaultWorldOptions {
  name: string;
  kafka: { basePort: number; brokers?: 1 | 3 };
  accounts: number;
  /** Environment of the destination node (e.g. its database reached through a TcpProxy). */
  destinationEnv?: (env: TestEnv, host: string) => Record<string, string>;
  /** Environment of the source node (e.g. its HA database reached through a TcpProxy). */
  sourceEnv?: Record<string, string> | ((env: TestEnv, host: string) => Record<string, string>);
  /** false: accounts are created but not replicated (the test starts the replication itself). */
  replicate?: boolean;
}

const cleanups: (() => Promise<void>)[] = [];
let closing = false;

/**
 * Stops everything the fault worlds of this file started (nodes, databases' clients, the
 * dedicated Kafka), also when a beforeAll timed out half-way. Call it in afterAll.
 */
export async function closeFaultWorlds() {
  closing = true;
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
}

function owned<T>(value: T, cleanup: (v: T) => Promise<void>): T {
  cleanups.push(() => cleanup(value));
  if (closing) throw new Error('the fault world was closed while it was being built');
  return value;
}

export async function createFaultWorld(o: FaultWorldOptions): Promise<FaultWorld> {
  const domain = `${o.name.replace(/_/g, '-')}.test`;
  const source = `mbox1.${domain}`;
  const destination = `mbox2.${domain}`;
  const t0 = Date.now();
  const step = (what: string) => console.log(`[${o.name}] ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const env = owned(await createTestEnv(o.name), (e) => e.cleanup());
  const kafka = owned(await startDedicatedKafka(`kafka-${o.name}`, { basePort: o.kafka.basePort, brokers: o.kafka.brokers }), (k) => k.destroy());
  step('Kafka up');
  // Nodes read the broker list from the HA database: point this world at its own Kafka.
  await env.prisma.globalConfig.update({ where: { key: 'brokers' }, data: { value: kafka.brokers.join(',') } });
  await license(env);
  const logLevel = process.env.CARBONIO_FAULT_LOGS ? { CARBONIO_LOG_LEVEL: process.env.CARBONIO_FAULT_LOG_LEVEL ?? 'info' } : {};
  const sourceEnv = typeof o.sourceEnv === 'function' ? o.sourceEnv(env, source) : o.sourceEnv;
  const src = keepLogs(source, await env.spawnNode(source, { env: { ...logLevel, ...sourceEnv } }));
  const dst = keepLogs(destination, await env.spawnNode(destination, { env: { ...logLevel, ...o.destinationEnv?.(env, destination) } }));
  step('nodes up');
  const ctx = owned(coreContext(env), (c) => c.close());
  const accounts = await seedMailboxes(env, source, src.apiUrl, o.accounts, domain);
  step('mailboxes seeded');
  if (o.replicate !== false) await replicate(ctx, accounts.map((a) => a.name), [{ host: destination, priority: 10 }]);
  step('world ready');
  return {
    env, ctx, kafka, source, destination, src, dst, accounts,
    respawnDestination: async (extraEnv = {}) => keepLogs(destination, await env.spawnNode(destination, { env: { ...logLevel, ...o.destinationEnv?.(env, destination), ...extraEnv } })),
  };
}

/** Traffic on every account of the world, logging acknowledged operations to a fresh file. */
export function startTraffic(w: FaultWorld, o: { rate: number; seconds?: number }) {
  const ackedLog = path.join(mkdtempSync(path.join(os.tmpdir(), 'fault-acked-')), 'acked.jsonl');
  const abort = new AbortController();
  let counts: TrafficCounts | undefined;
  const done = runTraffic({
    haDbUrl: w.env.haDbUrl, accounts: w.accounts.map((a) => a.name), rate: o.rate, seconds: o.seconds ?? 240, ackedLog,
    signal: abort.signal, onProgress: (c) => (counts = c),
  });
  return {
    ackedLog,
    /** The latest counts (updated every second). */
    counts: () => counts,
    acked: () => readAckedLog(ackedLog),
    /** Waits until `n` more operations than now are acknowledged after Kafka had them. */
    async moreReplicated(n: number, timeoutMs = 90_000) {
      const from = readAckedLog(ackedLog).filter((l) => l.replicated).length;
      await waitFor(`${n} more replicated acknowledgements`, () => readAckedLog(ackedLog).filter((l) => l.replicated).length >= from + n, timeoutMs, 200);
    },
    async stop() {
      abort.abort();
      return done;
    },
  };
}

/**
 * The fault tests' verdict: every item an acknowledged operation left alive is on the
 * replica, and verify says every replica is equal to its source.
 */
export async function expectNothingLost(w: FaultWorld, ackedLog: string) {
  const lines = readAckedLog(ackedLog);
  const live = expectedLiveItems(lines);
  for (const a of w.accounts) {
    const v = await verifyAccount(w.ctx, { account: a.name, timeoutMs: 60_000 });
    expect(v.replicas.map((r) => r.equal), `${a.name}: ${JSON.stringify(v.replicas)}`).toEqual([true]);
    const want = [...(live.get(a.id) ?? [])];
    const onSource = await itemIdsOn(w.env.mailstoreDbUrl(w.source), a.id);
    const onReplica = await itemIdsOn(w.env.mailstoreDbUrl(w.destination), a.id);
    expect(onReplica?.state, `${a.name}: the replica mailbox`).toBe('replica');
    expect(want.filter((id) => !onSource!.ids.has(id)), `${a.name}: acknowledged items missing on the source`).toEqual([]);
    expect(want.filter((id) => !onReplica!.ids.has(id)), `${a.name}: acknowledged items missing on the replica`).toEqual([]);
  }
  return { acknowledged: lines.length, liveItems: [...live.values()].reduce((n, s) => n + s.size, 0) };
}

/** Adds `n` messages straight into a primary mailbox of the source that has no replica yet. */
export async function bulkMessages(w: FaultWorld, accountId: string, n: number) {
  const db = createPool(w.env.mailstoreDbUrl(w.source), { connectionLimit: 1 });
  try {
    await insertBulkMessages(db, accountId, n);
  } finally {
    await db.end();
  }
}

export { exited } from '../../../lib/mailstore/testing/process-tree';

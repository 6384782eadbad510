import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { createPool, type Pool } from '../db/pool';
import { createHaContext } from '../ha/context';
import { setAccountDestination, verifyAccount, waitForOperation } from '../ha';
import { bulkMessages } from '../mailstore/testing/bulk-messages';
import { exited } from '../mailstore/testing/process-tree';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import type { MailstoreNode } from '../node/node';
import { ReplicaAgent } from './agent';
import { addReplica, createAccounts, killTree, resetAgentGroups, waitFor } from './agent-test-env';
import { FakeSource } from './agent-test-kit';
import { computeDigest } from './digest';
import { DigestRoutes } from './digest-routes';
import { SnapshotTaker } from './snapshot-taker';

const SRC = 'mbox1.rep-snap.test';
const DST = 'mbox2.rep-snap.test';
let env: TestEnv;
let src: MailstoreNode;
let srcDb: Pool;
let dstDb: Pool;
const children: ChildProcess[] = [];


beforeAll(async () => {
  env = await createTestEnv('rep_snap');
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST]);
  src = await env.startNode(SRC, { factories: [(ctx) => [new SnapshotTaker(ctx, { chunkRows: 500 })]] });
  await env.startNode(DST, { factories: [(ctx) => [new ReplicaAgent(ctx), new DigestRoutes(ctx)]] });
  srcDb = createPool(env.mailstoreDbUrl(SRC));
  dstDb = createPool(env.mailstoreDbUrl(DST));
});
afterAll(async () => {
  for (const c of children) killTree(c.pid, 'SIGKILL');
  await srcDb?.end();
  await dstDb?.end();
  await env?.cleanup();
});

it('initialises a replica under live traffic and ends byte-for-byte equal to its source', async () => {
  const [acc] = await createAccounts(env.prisma, SRC, ['alice@rep-snap.test']);
  const source = new FakeSource(srcDb, () => src.context().kafka.handles()!.producer, acc.id);
  await source.provision();
  await source.populate(3000);
  let stop = false;
  const traffic = (async () => {
    while (!stop) await source.op();
  })();
  await new Promise((r) => setTimeout(r, 300));
  const replica = await addReplica(env.prisma, acc.id, DST);
  await waitFor('the replica to turn active', async () => (await env.prisma.replica.findUnique({ where: { id: replica.id } }))?.state === 'active');
  await new Promise((r) => setTimeout(r, 500));
  stop = true;
  await traffic;
  expect(source.published).toBeGreaterThan(10);
  const want = (await computeDigest(srcDb, acc.id))!;
  const got = await waitFor('the replica to reach the source sequence', async () => {
    const d = await computeDigest(dstDb, acc.id);
    return d && d.sequence >= want.sequence ? d : undefined;
  }, 20_000);
  expect(got.state).toBe('replica');
  expect(got.mailboxId).not.toBe(undefined);
  expect({ ...got, mailboxId: 0, state: '' }).toEqual({ ...want, mailboxId: 0, state: '' });
  const [pos] = await dstDb.query('SELECT phase, applied_seq, consistent_seq FROM replica_position WHERE account_id = ?', [acc.id]);
  expect(pos.phase).toBe('active');
  expect(pos.applied_seq).toBe(want.sequence);
  const [{ n }] = await dstDb.query('SELECT COUNT(*) n FROM replica_pending_event WHERE account_id = ?', [acc.id]);
  expect(Number(n)).toBe(0);
});

it('resumes a snapshot after its source is SIGKILLed mid-way, from the last acknowledged item, and ends equal', async () => {
  const SRC2 = 'mbox3.rep-snap.test';
  await resetAgentGroups(env.brokers, env.prefix, [SRC2]);
  await env.prisma.license.upsert({ where: { module: 'ZxHA' }, create: { module: 'ZxHA', quantity: 10 }, update: {} });
  const [acc] = await createAccounts(env.prisma, SRC2, ['bea@rep-snap.test']);
  const spawnSource = (fault?: string) => env.spawnNode(SRC2, { env: { CARBONIO_SNAPSHOT_CHUNK_ROWS: '100', CARBONIO_SNAPSHOT_CURSOR_MS: '0', ...(fault ? { CARBONIO_AGENT_FAULT: fault } : {}) } as unknown as NodeJS.ProcessEnv });
  const first = await spawnSource('kill-mid-snapshot:3');
  children.push(first.child);
  const res = await fetch(`${first.apiUrl}/api/mailboxes/${acc.id}`, { method: 'POST' });
  expect(res.status).toBe(200);
  const db3 = createPool(env.mailstoreDbUrl(SRC2), { connectionLimit: 2 });
  try {
    await bulkMessages(db3, acc.id, 1500);
    const abort = new AbortController();
    const traffic = runTraffic({ haDbUrl: env.haDbUrl, accounts: ['bea@rep-snap.test'], rate: 30, seconds: 120, signal: abort.signal });
    const ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-snap.test', role: 'global_admin', origin: 'cli' }, log: env.log });
    try {
      const ref = await setAccountDestination(ha, { destination: DST, priority: 1, accounts: ['bea@rep-snap.test'] });
      const how = await Promise.race([exited(first.child), new Promise((r) => setTimeout(() => r('still running'), 180_000))]);
      expect(['SIGKILL', 137]).toContain(how);
      const cut = await env.prisma.replica.findFirstOrThrow({ where: { accountId: acc.id } });
      expect(cut).toMatchObject({ snapshotState: 'running', state: 'initializing' });
      expect(cut.snapshotCursor).toBeGreaterThan(255);
      expect(cut.snapshotItems).toBeGreaterThanOrEqual(300);
      expect(cut.snapshotItems).toBeLessThan(1500);
      children.push((await spawnSource()).child);
      expect((await waitForOperation(ha, ref.operationId, { timeoutMs: 120_000 })).state).toBe('succeeded');
      const done = await env.prisma.replica.findFirstOrThrow({ where: { accountId: acc.id } });
      expect(done.snapshotId).toBe(cut.snapshotId); // the same snapshot, resumed
      expect(done.snapshotItems).toBeGreaterThanOrEqual(1500);
      await new Promise((r) => setTimeout(r, 1000));
      abort.abort();
      expect((await traffic).acked).toBeGreaterThan(3);
      const v = await verifyAccount(ha, { account: 'bea@rep-snap.test', timeoutMs: 30_000 });
      expect(v.replicas[0], JSON.stringify(v.replicas[0])).toMatchObject({ equal: true });
    } finally {
      await ha.close();
    }
  } finally {
    await db3.end();
  }
}, 400_000);

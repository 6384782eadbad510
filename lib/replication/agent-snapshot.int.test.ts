import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, inTransaction, type Pool } from '../db/pool';
import { createHaContext } from '../ha/context';
import { setAccountDestination, verifyAccount, waitForOperation } from '../ha';
import { ITEM_COLUMNS, ItemType } from '../mailstore/model';
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

const exited = (child: ChildProcess) => new Promise<NodeJS.Signals | number | null>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
  else child.once('exit', (code, signal) => resolve(signal ?? code));
});

/** Adds messages straight into a primary mailbox (before it has replicas: no events needed). */
async function bulkMessages(db: Pool, accountId: string, n: number) {
  await inTransaction(db, async (conn) => {
    const [m] = await conn.query('SELECT id, item_id_checkpoint, change_checkpoint FROM mailbox WHERE account_id = ? FOR UPDATE', [accountId]);
    const seq = Number(m.change_checkpoint) + 1;
    const first = Number(m.item_id_checkpoint) + 1;
    const rows = Array.from({ length: n }, (_, i) => {
      const row: Record<string, unknown> = { id: first + i, type: ItemType.message, parent_id: 2, folder_id: 2, date: 1_800_000_000, size: 1000 + i, locator: null,
        blob_digest: null, unread: 1, flags: 0, tags: '', sender: 'bulk@example.com', recipients: 'bea@rep-snap.test', subject: `bulk ${i}`, name: null,
        metadata: null, mod_metadata: seq, change_date: 1_800_000_000, mod_content: seq, uuid: null };
      return [m.id, ...ITEM_COLUMNS.map((c) => row[c])];
    });
    await conn.batch(`INSERT INTO mail_item (mailbox_id, ${ITEM_COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES (?, ${ITEM_COLUMNS.map(() => '?').join(', ')})`, rows);
    await conn.query('UPDATE mailbox SET item_id_checkpoint = ?, change_checkpoint = ? WHERE id = ?', [first + n - 1, seq, m.id]);
  });
}

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

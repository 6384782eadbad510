import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMailboxNode, type MailboxNodeFixture } from '../../tests/support/mailbox-node';
import type { TestEnv } from '../../tests/support/test-env';
import type { Pool } from '../db/pool';
import { recordTopologyChange } from '../ha/topology-change';
import { MailboxClient } from '../mailstore/api-client';
import { readMailbox } from '../mailstore/mailbox-row';
import { seedAccount, waitFor } from '../mailstore/testing/seed';
import { TopicReader } from '../mailstore/testing/topic';
import type { MailstoreNode } from '../node/node';
import { outboxSize } from './outbox';
import { setPublishing } from './publishing';

const HOST = 'mbox1.src-pub.test';
const REPLICA = 'mbox9.src-pub.test';
let fixture: MailboxNodeFixture;
let env: TestEnv;
let node: MailstoreNode;
let api: MailboxClient;
let db: Pool;
let reader: TopicReader;

beforeAll(async () => {
  fixture = await startMailboxNode('src_pub', HOST);
  ({ env, node, api, db, reader } = fixture);
});
afterAll(() => fixture?.stop());

const deliver = (account: string, subject = 'x') => api.deliver(account, { sender: 'a@x.test', recipients: ['b@x.test'], subject });
const publishingFlag = async (id: string) => (await readMailbox(db, id))?.publishing;

it('publishing follows the topology: on with the first replica, off after the last one is gone', async () => {
  const { id } = await seedAccount(env.prisma, { host: HOST });
  await waitFor('hosting', () => node.context().topology.hosted(id));
  const plain = await deliver(id);
  expect(plain.replicated).toBe(false);
  expect(await outboxSize(db)).toBe(0);
  expect(await publishingFlag(id)).toBe(false);

  await env.prisma.replica.create({ data: { accountId: id, destination: REPLICA, priority: 10 } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('publishing on', async () => (await publishingFlag(id)) === true);
  const protectedWrite = await deliver(id);
  expect(protectedWrite).toMatchObject({ replicated: true, seq: plain.seq + 1 });

  await env.prisma.replica.deleteMany({ where: { accountId: id } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('publishing off', async () => (await publishingFlag(id)) === false);
  expect((await deliver(id)).replicated).toBe(false);
});

it('answers a protected write only once its event is in Kafka', async () => {
  const { id } = await seedAccount(env.prisma, { host: HOST, replicaOn: REPLICA });
  await waitFor('protection', () => node.context().topology.isProtected(id));
  const r = await deliver(id, 'synchronous');
  // Right after the answer, the partition already holds the record at the offset returned.
  expect(r.partition).toBe(await reader.partitionOf(id));
  expect(await reader.highWatermark(r.partition!)).toBeGreaterThan(r.offset!);
  const [e] = await reader.events(id, r.offset!);
  expect(e).toMatchObject({ offset: r.offset, seq: r.seq, op: 'CreateMessage', accountId: id });
});

it('setPublishing commits the flag on its own, which alone makes writes publish', async () => {
  const { id } = await seedAccount(env.prisma, { host: HOST });
  await waitFor('hosting', () => node.context().topology.hosted(id));
  await expect(setPublishing(db, id, true)).rejects.toMatchObject({ code: 'not_found' });
  const seq = await setPublishing(db, id, true, { provisionEpoch: 1 });
  expect(seq).toBe(1);
  expect(await publishingFlag(id)).toBe(true);
  expect((await deliver(id)).replicated).toBe(true);
  await setPublishing(db, id, false);
  expect((await deliver(id)).replicated).toBe(false);
});

it('concurrent protected writes are batched, all acknowledged, in seq order on the topic; latency is measured', async () => {
  const { id } = await seedAccount(env.prisma, { host: HOST, replicaOn: REPLICA });
  const plain = (await seedAccount(env.prisma, { host: HOST })).id;
  await waitFor('topology', () => node.context().topology.isProtected(id) && node.context().topology.hosted(plain));
  const first = await deliver(id, 'warm-up');
  await deliver(plain, 'warm-up');
  const batchesBefore = (await (await fetch(`${node.apiUrl}/api/relay`)).json()).batches;
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => deliver(id, `concurrent ${i}`)));
  expect(results.every((r) => r.replicated)).toBe(true);
  const seqs = results.map((r) => r.seq).sort((a, b) => a - b);
  expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => first.seq + 1 + i));
  const events = await reader.events(id, first.offset!);
  expect(events.map((e) => e.seq)).toEqual([first.seq, ...seqs]);
  const batches = (await (await fetch(`${node.apiUrl}/api/relay`)).json()).batches - batchesBefore;

  // Alternate protected and unprotected writes so both see the same load on a shared machine.
  const p: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < 40; i++) {
    for (const [account, into] of [[id, p], [plain, u]] as const) {
      const t0 = performance.now();
      await deliver(account, `timed ${i}`);
      into.push(performance.now() - t0);
    }
  }
  p.sort((a, b) => a - b);
  u.sort((a, b) => a - b);
  const p50 = (xs: number[]) => xs[Math.floor(xs.length / 2)];
  console.log(`[publish latency] 30 concurrent protected writes in ${batches} relay batches; sequential p50 protected ${p50(p).toFixed(1)} ms, unprotected ${p50(u).toFixed(1)} ms, added ${(p50(p) - p50(u)).toFixed(1)} ms`);
  expect(p.length).toBe(40);
});

it('with the HA module stopped, protected writes are stored but answered 503 at once; starting it publishes them in order', async () => {
  const { id } = await seedAccount(env.prisma, { host: HOST, replicaOn: REPLICA });
  await waitFor('protection', () => node.context().topology.isProtected(id));
  const first = await deliver(id, 'module on');
  const control = (action: string) => fetch(`${node.apiUrl}/api/services/module/${action}`, { method: 'POST' }).then((r) => r.json());
  expect(await control('stop')).toMatchObject({ running: false, components: expect.arrayContaining(['publisher-relay']) });
  try {
    const t0 = Date.now();
    await expect(deliver(id, 'module off')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('HA module') });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await outboxSize(db)).toBe(1);
  } finally {
    expect(await control('start')).toMatchObject({ running: true });
  }
  await waitFor('the outbox to drain', async () => (await outboxSize(db)) === 0, 20_000, 100);
  const after = await deliver(id, 'module on again');
  expect((await reader.events(id, first.offset!)).map((e) => e.seq)).toEqual([first.seq, first.seq + 1, after.seq]);
});

it('the relay publishes while every connection of the mailbox pool is taken (writers wait for it: it must not wait behind them)', async () => {
  const { id } = await seedAccount(env.prisma, { host: HOST, replicaOn: REPLICA });
  await waitFor('protection', () => node.context().topology.isProtected(id));
  const control = (action: string) => fetch(`${node.apiUrl}/api/services/module/${action}`, { method: 'POST' }).then((r) => r.json());
  expect(await control('stop')).toMatchObject({ running: false });
  await expect(deliver(id, 'stored, not yet published')).rejects.toMatchObject({ code: 'unavailable' });
  expect(await outboxSize(db)).toBe(1);
  const pool = node.context().db;
  const held = [];
  for (let i = 0; i < 16; i++) held.push(await pool.getConnection());
  try {
    expect(await control('start')).toMatchObject({ running: true });
    await waitFor('the outbox to drain with the mailbox pool exhausted', async () => (await outboxSize(db)) === 0, 20_000, 100);
  } finally {
    for (const c of held) c.release();
  }
});

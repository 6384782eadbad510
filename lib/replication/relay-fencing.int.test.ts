import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createPool, type Pool } from '../db/pool';
import { recordTopologyChange } from '../ha/topology-change';
import { MailboxClient } from '../mailstore/api-client';
import { mailboxComponents } from '../mailstore/component';
import { readMailbox } from '../mailstore/mailbox-row';
import { seedAccount, waitFor } from '../mailstore/testing/seed';
import { TopicReader } from '../mailstore/testing/topic';
import type { MailstoreNode } from '../node/node';
import { outboxSize } from './outbox';

const HOST_A = 'mbox1.src-fence.test';
const HOST_B = 'mbox2.src-fence.test';
const REPLICA = 'mbox9.src-fence.test';
let env: TestEnv;
let reader: TopicReader;
const pools: Pool[] = [];

beforeAll(async () => {
  env = await createTestEnv('src_fence');
  reader = new TopicReader(env.brokers);
});
afterAll(async () => {
  await reader?.close();
  for (const p of pools) await p.end();
  await env?.cleanup();
});

function dbOf(host: string) {
  const p = createPool(env.mailstoreDbUrl(host), { connectionLimit: 2 });
  pools.push(p);
  return p;
}

const deliver = (api: MailboxClient, account: string, subject: string) => api.deliver(account, { sender: 'a@x.test', recipients: ['b@x.test'], subject });

it('while a promotion holds the fence, writes are refused before anything is stored; when it completes the mailbox turns stale', async () => {
  const node = await env.startNode(HOST_A, { factories: [mailboxComponents] });
  const api = new MailboxClient(node.apiUrl);
  const db = dbOf(HOST_A);
  const { id } = await seedAccount(env.prisma, { host: HOST_A, replicaOn: REPLICA });
  await waitFor('protection', () => node.context().topology.isProtected(id));
  const ok = await deliver(api, id, 'before the fence');
  expect(ok.replicated).toBe(true);

  // Step 1 of a promotion: epoch bumped and the fence held for the target.
  await env.prisma.account.update({ where: { id }, data: { epoch: 2, promotingTo: REPLICA } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('the fence on the node', () => node.context().topology.hosted(id)?.promotingTo === REPLICA);
  await expect(deliver(api, id, 'during the promotion')).rejects.toMatchObject({ code: 'fenced', message: expect.stringContaining(`being promoted to ${REPLICA}`) });
  expect((await readMailbox(db, id))!).toMatchObject({ change_checkpoint: ok.seq, state: 'primary' });
  expect(await outboxSize(db)).toBe(0);

  // Step 4: the account now lives on the target.
  await env.prisma.account.update({ where: { id }, data: { mailHost: REPLICA, promotingTo: null } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('stale mailbox', async () => (await readMailbox(db, id))?.state === 'stale');
  await expect(deliver(api, id, 'after the move')).rejects.toMatchObject({ code: 'fenced', message: expect.stringContaining(`hosted on ${REPLICA}`) });
  // Nothing after the fence was stored or published; a stale mailbox stays readable.
  expect((await readMailbox(db, id))!.change_checkpoint).toBe(ok.seq);
  expect((await reader.events(id, ok.offset!)).map((e) => e.seq)).toEqual([ok.seq]);
  expect((await api.summary(id)).state).toBe('stale');
});

it('a released promotion (epoch bumped, fence cleared, account still here) lets the source continue at the new epoch', async () => {
  const node = await env.startNode('mbox4.src-fence.test', { factories: [mailboxComponents] });
  const api = new MailboxClient(node.apiUrl);
  const db = dbOf('mbox4.src-fence.test');
  const { id } = await seedAccount(env.prisma, { host: 'mbox4.src-fence.test', replicaOn: REPLICA });
  await waitFor('protection', () => node.context().topology.isProtected(id));
  const ok = await deliver(api, id, 'epoch 1');
  await env.prisma.account.update({ where: { id }, data: { epoch: 2, promotingTo: REPLICA } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('the fence', () => node.context().topology.hosted(id)?.promotingTo === REPLICA);
  await expect(deliver(api, id, 'refused')).rejects.toMatchObject({ code: 'fenced' });
  await env.prisma.account.update({ where: { id }, data: { promotingTo: null } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('the fence released', () => node.context().topology.hosted(id)?.promotingTo === null);
  const next = await deliver(api, id, 'epoch 2');
  expect(next).toMatchObject({ replicated: true, seq: ok.seq + 1 });
  expect((await readMailbox(db, id))!).toMatchObject({ state: 'primary', epoch: 2 });
  expect((await reader.events(id, ok.offset!)).map((e) => [e.seq, e.epoch])).toEqual([[ok.seq, 1], [next.seq, 2]]);
});

it('the fence check after the Kafka ack refuses a write the topology cache did not see coming', async () => {
  const node: MailstoreNode = await env.startNode(HOST_B, { factories: [mailboxComponents], config: { topologyPollMs: 600_000 } });
  const api = new MailboxClient(node.apiUrl);
  const db = dbOf(HOST_B);
  const { id } = await seedAccount(env.prisma, { host: HOST_B, replicaOn: REPLICA });
  await node.context().topology.refresh([id]);
  const ok = await deliver(api, id, 'acknowledged');
  expect(ok).toMatchObject({ replicated: true, seq: 2 });

  // The promoter bumps the epoch; this node's cache still says epoch 1.
  await env.prisma.account.update({ where: { id }, data: { epoch: 2 } });
  const t0 = Date.now();
  await expect(deliver(api, id, 'racing the promotion')).rejects.toMatchObject({ code: 'fenced', message: expect.stringContaining('epoch 2') });
  expect(Date.now() - t0).toBeLessThan(5000);
  expect((await readMailbox(db, id))!.state).toBe('stale');
  // The refused write is on the topic (with the old epoch, which agents skip after the fence)
  // but was never acknowledged to its caller.
  const events = await reader.events(id, ok.offset!);
  expect(events.map((e) => [e.seq, e.epoch])).toEqual([[2, 1], [3, 1]]);
  await expect(deliver(api, id, 'later')).rejects.toMatchObject({ code: 'fenced' });
  expect(await outboxSize(db)).toBe(0);
});

it('an account moved to another mailstore is refused with its new home, and its mailbox turns stale', async () => {
  const node = await env.startNode('mbox3.src-fence.test', { factories: [mailboxComponents] });
  const api = new MailboxClient(node.apiUrl);
  const db = dbOf('mbox3.src-fence.test');
  const { id } = await seedAccount(env.prisma, { host: 'mbox3.src-fence.test' });
  await waitFor('hosting', () => node.context().topology.hosted(id));
  const ok = await deliver(api, id, 'unprotected write');
  expect(ok.replicated).toBe(false);
  await env.prisma.account.update({ where: { id }, data: { mailHost: REPLICA, epoch: 2 } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('stale mailbox', async () => (await readMailbox(db, id))?.state === 'stale');
  await expect(deliver(api, id, 'x')).rejects.toMatchObject({ code: 'fenced', message: expect.stringContaining(`hosted on ${REPLICA}`) });
  await expect(new MailboxClient(node.apiUrl).deliver('00000000-0000-4000-8000-000000000000', { sender: 'a@x.test', recipients: ['b@x.test'] }))
    .rejects.toMatchObject({ code: 'not_found' });
});

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

const HOST = 'mbox1.src-kdown.test';
const CLOSED_PORT = '127.0.0.1:1';
const PUBLISH_TIMEOUT = 1500;
let fixture: MailboxNodeFixture;
let env: TestEnv;
let node: MailstoreNode;
let api: MailboxClient;
let db: Pool;
let reader: TopicReader;

beforeAll(async () => {
  fixture = await startMailboxNode('src_kdown', HOST, { publishTimeoutMs: PUBLISH_TIMEOUT });
  ({ env, node, api, db, reader } = fixture);
});
afterAll(() => fixture?.stop());

async function setBrokers(value: string) {
  await env.prisma.globalConfig.update({ where: { key: 'brokers' }, data: { value } });
  await waitFor(`the node to use brokers ${value}`, () => node.context().kafka.handles()?.brokers.join(',') === value, 10_000);
}

const deliver = (account: string, subject: string) => api.deliver(account, { sender: 'a@x.test', recipients: ['b@x.test'], subject });

it('with Kafka unreachable, protected writes fail within the bounded wait, unprotected ones work, and the outbox drains in order later', async () => {
  const p = (await seedAccount(env.prisma, { host: HOST, replicaOn: 'mbox9.src-kdown.test' })).id;
  const u = (await seedAccount(env.prisma, { host: HOST })).id;
  await waitFor('topology', () => node.context().topology.isProtected(p) && node.context().topology.hosted(u));
  const first = await deliver(p, 'while Kafka is up');
  expect(first.replicated).toBe(true);

  await setBrokers(CLOSED_PORT);
  const failedSeqs: number[] = [];
  for (const subject of ['down 1', 'down 2', 'down 3']) {
    const t0 = Date.now();
    const err = await deliver(p, subject).then(() => undefined, (e) => e);
    const waited = Date.now() - t0;
    expect(err).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/stored .* but not replicated.*not acknowledged/) });
    expect(waited).toBeGreaterThanOrEqual(PUBLISH_TIMEOUT - 50);
    expect(waited).toBeLessThan(PUBLISH_TIMEOUT + 2000);
    failedSeqs.push(Number(/Change (\d+)/.exec(err.message)![1]));
  }
  expect(failedSeqs).toEqual([first.seq + 1, first.seq + 2, first.seq + 3]);
  expect(await outboxSize(db)).toBe(3);
  // Committed locally all the same.
  expect((await readMailbox(db, p))!.change_checkpoint).toBe(first.seq + 3);

  const t0 = Date.now();
  const unprotected = await deliver(u, 'no replica, no Kafka needed');
  expect(unprotected.replicated).toBe(false);
  expect(Date.now() - t0).toBeLessThan(1000);

  await setBrokers(env.brokers.join(','));
  await waitFor('the outbox to drain', async () => (await outboxSize(db)) === 0, 30_000, 200);
  const after = await deliver(p, 'Kafka is back');
  expect(after).toMatchObject({ replicated: true, seq: first.seq + 4 });
  const events = await reader.events(p, first.offset!);
  expect(events.map((e) => e.seq)).toEqual([first.seq, ...failedSeqs, after.seq]);
  expect(new Set(events.map((e) => e.txId)).size).toBe(events.length);
});

it('leftover outbox rows of an account that moved away are never published', async () => {
  const a = (await seedAccount(env.prisma, { host: HOST, replicaOn: 'mbox9.src-kdown.test' })).id;
  await waitFor('topology', () => node.context().topology.isProtected(a));
  const ok = await deliver(a, 'acknowledged');
  await setBrokers(CLOSED_PORT);
  await expect(deliver(a, 'stored, never acknowledged')).rejects.toMatchObject({ code: 'unavailable' });
  expect(await outboxSize(db)).toBe(1);

  await env.prisma.account.update({ where: { id: a }, data: { mailHost: 'mbox9.src-kdown.test', epoch: 2 } });
  await recordTopologyChange(env.prisma, [a]);
  await waitFor('the move to be seen', () => !node.context().topology.hosted(a));
  const discardedBefore = (await (await fetch(`${node.apiUrl}/api/relay`)).json()).discarded;
  await setBrokers(env.brokers.join(','));
  await waitFor('the outbox to be emptied', async () => (await outboxSize(db)) === 0, 30_000, 200);
  const relay = await (await fetch(`${node.apiUrl}/api/relay`)).json();
  expect(relay.discarded - discardedBefore).toBe(1);
  expect((await reader.events(a, ok.offset!)).map((e) => e.seq)).toEqual([ok.seq]);
  expect((await readMailbox(db, a))!.state).toBe('stale');
});

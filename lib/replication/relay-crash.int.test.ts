import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createPool, type Pool } from '../db/pool';
import { MailboxClient } from '../mailstore/api-client';
import type { FaultPoint } from '../mailstore/fault';
import { readMailbox } from '../mailstore/mailbox-row';
import { exited, spawnNodeGroup, stopGroup } from '../mailstore/testing/process-tree';
import { seedAccount, waitFor } from '../mailstore/testing/seed';
import { TopicReader } from '../mailstore/testing/topic';
import { outboxSize } from './outbox';

let env: TestEnv;
let reader: TopicReader;
const pools: Pool[] = [];
const spawned: ChildProcess[] = [];

beforeAll(async () => {
  env = await createTestEnv('src_crash');
  reader = new TopicReader(env.brokers);
});
afterAll(async () => {
  // Whatever happened, no node of this file outlives it (npx leaves its children running).
  for (const c of spawned) await stopGroup(c, 'SIGKILL');
  await reader?.close();
  for (const p of pools) await p.end();
  await env?.cleanup();
});

const deliver = (api: MailboxClient, account: string, subject: string) => api.deliver(account, { sender: 'a@x.test', recipients: ['b@x.test'], subject });

/**
 * A node SIGKILLs itself at `fault` on the third write, is restarted, and must publish every
 * committed event exactly once, in order, with nothing acknowledged missing.
 */
async function crashAndRestart(host: string, fault: FaultPoint) {
  const db = createPool(env.mailstoreDbUrl(host), { connectionLimit: 2 });
  pools.push(db);
  const { id } = await seedAccount(env.prisma, { host, replicaOn: 'mbox9.src-crash.test', domain: host });
  const first = await spawnNodeGroup(host, { ...env.childEnv(), CARBONIO_FAULT: `${fault}:3` }, spawned);
  const api = new MailboxClient(first.apiUrl);
  const acked = [await deliver(api, id, 'one'), await deliver(api, id, 'two')];
  expect(acked.every((r) => r.replicated)).toBe(true);
  await expect(deliver(api, id, 'three: the node dies')).rejects.toMatchObject({ code: 'unavailable' });
  await exited(first.child);
  const committed = (await readMailbox(db, id))!.change_checkpoint;
  expect(committed).toBe(acked[1].seq + 1);
  expect(await outboxSize(db)).toBe(1);
  // After the ack the event is already on the topic although its outbox row is still there.
  const onTopicBefore = (await reader.events(id, acked[0].offset!)).map((e) => e.seq);
  expect(onTopicBefore).toEqual(fault === 'exit-after-publish' ? [acked[0].seq, acked[1].seq, committed] : [acked[0].seq, acked[1].seq]);

  const second = await spawnNodeGroup(host, env.childEnv(), spawned);
  // Recovery joins a throw-away consumer group to read the partition: slow on a loaded machine.
  await waitFor('the leftover event to be published', async () => (await outboxSize(db)) === 0, 150_000, 200);
  const relay = await (await fetch(`${second.apiUrl}/api/relay`)).json();
  expect(relay).toMatchObject({ alreadyPublished: fault === 'exit-after-publish' ? 1 : 0, published: fault === 'exit-after-publish' ? 0 : 1 });
  const api2 = new MailboxClient(second.apiUrl);
  const after = await deliver(api2, id, 'four, after the restart');
  expect(after).toMatchObject({ replicated: true, seq: committed + 1 });

  const events = await reader.events(id, acked[0].offset!);
  expect(events.map((e) => e.seq)).toEqual([acked[0].seq, acked[1].seq, committed, after.seq]);
  expect(new Set(events.map((e) => e.txId)).size).toBe(4);
  await stopGroup(second.child);
}

describe('crash recovery of the publisher (SIGKILL, restart)', () => {
  it('killed between commit and publish: the event is published once, in order, after the restart', async () => {
    await crashAndRestart('mbox1.src-crash.test', 'exit-after-commit');
  }, 300_000);

  it('killed after Kafka acknowledged but before the outbox delete: the event is not published twice', async () => {
    await crashAndRestart('mbox2.src-crash.test', 'exit-after-publish');
  }, 300_000);
});

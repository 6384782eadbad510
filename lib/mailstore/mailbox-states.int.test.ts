import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMailboxNode, type MailboxNodeFixture } from '../../tests/support/mailbox-node';
import type { TestEnv } from '../../tests/support/test-env';
import type { Pool } from '../db/pool';
import { recordTopologyChange } from '../ha/topology-change';
import { MailboxClient } from './api-client';
import { readMailbox } from './mailbox-row';
import { SystemFolder } from './model';
import { createReplicaMailbox } from './provision';
import { insertItem } from './sql';
import { systemFolderRows } from './system-folders';
import { seedAccount, waitFor } from './testing/seed';
import type { MailstoreNode } from '../node/node';

const HOST = 'mbox1.src-states.test';
const SOURCE = 'mbox2.src-states.test';
let fixture: MailboxNodeFixture;
let env: TestEnv;
let node: MailstoreNode;
let api: MailboxClient;
let db: Pool;

beforeAll(async () => {
  fixture = await startMailboxNode('src_states', HOST);
  ({ env, node, api, db } = fixture);
});
afterAll(() => fixture?.stop());

it('a replica mailbox becomes the primary when its account is promoted here, and its sequence continues', async () => {
  const { id } = await seedAccount(env.prisma, { host: SOURCE });
  await env.prisma.replica.create({ data: { accountId: id, destination: HOST, priority: 10, state: 'active' } });
  await recordTopologyChange(env.prisma, [id]);
  // What the agent leaves after applying a snapshot and some events: a replica at seq 40.
  const mailboxId = await createReplicaMailbox(db, id);
  for (const r of systemFolderRows(1, 1_700_000_000)) await insertItem(db, mailboxId, r);
  await db.query('UPDATE mailbox SET change_checkpoint = 40, item_id_checkpoint = 300 WHERE id = ?', [mailboxId]);
  await waitFor('the replica to be known here', () => node.context().topology.replicaHere(id));
  await expect(api.deliver(id, { sender: 'a@x.test', recipients: ['b@x.test'] })).rejects.toMatchObject({ code: 'fenced', message: expect.stringContaining(`hosted on ${SOURCE}`) });

  // The promotion flips the account here and retires this replica.
  await env.prisma.account.update({ where: { id }, data: { mailHost: HOST, epoch: 2 } });
  await env.prisma.replica.deleteMany({ where: { accountId: id, destination: HOST } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('adoption', async () => (await readMailbox(db, id))?.state === 'primary');
  expect(await readMailbox(db, id)).toMatchObject({ id: mailboxId, epoch: 2, change_checkpoint: 40 });
  const r = await api.deliver(id, { sender: 'a@x.test', recipients: ['b@x.test'], subject: 'first write after promotion' });
  expect(r).toMatchObject({ mailboxId, seq: 41, created: [301], replicated: false });
});

it('a stale mailbox is wiped when it becomes a replica again; a primary one is never taken', async () => {
  const { id } = await seedAccount(env.prisma, { host: HOST });
  await waitFor('hosting', () => node.context().topology.hosted(id));
  await api.deliver(id, { sender: 'a@x.test', recipients: ['b@x.test'] });
  await expect(createReplicaMailbox(db, id)).rejects.toMatchObject({ code: 'conflict' });
  await env.prisma.account.update({ where: { id }, data: { mailHost: SOURCE, epoch: 2 } });
  await recordTopologyChange(env.prisma, [id]);
  await waitFor('stale', async () => (await readMailbox(db, id))?.state === 'stale');
  const before = (await readMailbox(db, id))!;
  expect(await createReplicaMailbox(db, id)).toBe(before.id);
  expect(await readMailbox(db, id)).toMatchObject({ state: 'replica', change_checkpoint: 0, publishing: false });
  const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM mail_item WHERE mailbox_id = ?', [before.id]);
  expect(Number(n)).toBe(0);
  // Reads still work on any state; writes are refused with where the account lives.
  expect((await api.summary(id)).state).toBe('replica');
  await expect(api.createFolder(id, { name: 'x', parentId: SystemFolder.userRoot })).rejects.toMatchObject({ code: 'fenced' });
});

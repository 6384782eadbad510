import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailboxNode, type MailboxNodeFixture } from '../../tests/support/mailbox-node';
import type { TestEnv } from '../../tests/support/test-env';
import type { Pool } from '../db/pool';
import type { Envelope, MailboxEnvelope } from '../replication/envelope';
import { MailboxClient } from './api-client';
import { readMailbox } from './mailbox-row';
import { Flag, ItemType, SystemFolder, type ItemRow } from './model';
import type { WriteResult } from './service';
import { selectItems, selectWhere } from './sql';
import { seedAccount, waitFor } from './testing/seed';
import { TopicReader } from './testing/topic';

const HOST = 'mbox1.src-ops.test';
let fixture: MailboxNodeFixture;
let env: TestEnv;
let db: Pool;
let api: MailboxClient;
let reader: TopicReader;
let account: string;
let fromOffset: number;
const done: { r: WriteResult; rows: ItemRow[]; checkpoints: unknown }[] = [];

beforeAll(async () => {
  fixture = await startMailboxNode('src_ops', HOST);
  ({ env, db, api, reader } = fixture);
  account = (await seedAccount(env.prisma, { host: HOST, replicaOn: 'mbox2.src-ops.test' })).id;
  await waitFor('the account to be protected on the node', () => fixture.node.context().topology.isProtected(account));
  fromOffset = await reader.highWatermark(await reader.partitionOf(account));
});
afterAll(() => fixture?.stop());

/** Runs a write, checks the answer and records the rows and checkpoints it left in the DB. */
async function step(run: () => Promise<WriteResult>): Promise<WriteResult> {
  const before = (await readMailbox(db, account))?.change_checkpoint ?? 1;
  const r = await run();
  expect(r.seq).toBe(before + 1);
  expect(r.replicated).toBe(true);
  const m = (await readMailbox(db, account))!;
  expect(m.change_checkpoint).toBe(r.seq);
  const all = await selectWhere(db, m.id, '1 = 1', []);
  done.push({ r, rows: all, checkpoints: { item_id_checkpoint: m.item_id_checkpoint, change_checkpoint: m.change_checkpoint, size_checkpoint: m.size_checkpoint, contact_count: m.contact_count } });
  return r;
}

const row = async (id: number) => (await selectItems(db, (await readMailbox(db, account))!.id, [id]))[0];

describe('every mailbox operation on a protected account', () => {
  it('changes the rows and checkpoints as the product would', async () => {
    const prov = await api.provision(account);
    expect(prov).toMatchObject({ state: 'primary', changeCheckpoint: 1, itemIdCheckpoint: 255, publishing: true });
    expect((await api.folders(account)).map((f) => f.id)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 10, 11]));

    const tag = await step(() => api.createTag(account, 'work', 3));
    expect(tag.created).toEqual([256]);
    expect(await row(256)).toMatchObject({ type: ItemType.tag, name: 'work', folder_id: SystemFolder.tags });

    const msg = await step(() => api.deliver(account, { sender: 'a@x.test', recipients: ['b@x.test'], subject: 'Hello', body: 'Hi there\nline 2', tags: ['work'], flags: ['flagged'] }));
    const msgId = msg.created[0];
    const m = await row(msgId);
    expect(m).toMatchObject({ type: ItemType.message, folder_id: SystemFolder.inbox, unread: 1, flags: Flag.flagged, tags: 'work', sender: 'a@x.test', subject: 'Hello', mod_metadata: msg.seq, mod_content: msg.seq });
    const blob = readFileSync(path.join(env.blobDir, ...m.locator!.split('/')));
    expect(createHash('sha256').update(blob).digest('hex')).toBe(m.blob_digest);
    expect(m.size).toBe(blob.length);
    expect(await row(SystemFolder.inbox)).toMatchObject({ size: 1, unread: 1, mod_metadata: msg.seq });
    expect((await api.content(account, msgId)).content).toContain('Hi there');

    const folder = await step(() => api.createFolder(account, { name: 'Projects', parentId: SystemFolder.userRoot }));
    const folderId = folder.created[0];
    const sub = await step(() => api.createFolder(account, { name: 'Old', parentId: SystemFolder.inbox }));
    await step(() => api.renameFolder(account, folderId, 'Projects 2026'));
    expect((await row(folderId)).name).toBe('Projects 2026');
    await step(() => api.moveFolder(account, sub.created[0], folderId));
    expect(await row(sub.created[0])).toMatchObject({ parent_id: folderId, folder_id: folderId });

    await step(() => api.moveItems(account, [msgId], folderId));
    expect(await row(SystemFolder.inbox)).toMatchObject({ size: 0, unread: 0 });
    expect(await row(folderId)).toMatchObject({ size: 1, unread: 1 });
    const copy = await step(() => api.copyItems(account, [msgId], SystemFolder.inbox));
    expect(await row(copy.created[0])).toMatchObject({ locator: m.locator, blob_digest: m.blob_digest, folder_id: SystemFolder.inbox });

    await step(() => api.setFlags(account, [msgId], ['replied', 'flagged']));
    expect((await row(msgId)).flags).toBe(Flag.replied | Flag.flagged);
    await step(() => api.createTag(account, 'home'));
    await step(() => api.setTags(account, [msgId], ['home', 'work']));
    expect((await row(msgId)).tags).toBe('home,work');
    await step(() => api.alterTag(account, [msgId], 'work', false));
    expect((await row(msgId)).tags).toBe('home');
    await step(() => api.markRead(account, [msgId], true));
    expect(await row(folderId)).toMatchObject({ size: 1, unread: 0 });

    const contact = await step(() => api.createContact(account, { fields: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@x.test' } }));
    expect(await row(contact.created[0])).toMatchObject({ type: ItemType.contact, subject: 'Ada Lovelace', folder_id: SystemFolder.contacts });
    await step(() => api.modifyContact(account, contact.created[0], { fields: { company: 'Engines Ltd', lastName: null } }));
    expect(JSON.parse((await row(contact.created[0])).metadata!)).toEqual({ company: 'Engines Ltd', email: 'ada@x.test', firstName: 'Ada' });

    const appt = await step(() => api.createAppointment(account, { subject: 'Standup', start: 1_800_000_000, end: 1_800_000_900, attendees: ['b@x.test'] }));
    expect(await row(appt.created[0])).toMatchObject({ type: ItemType.appointment, date: 1_800_000_000, folder_id: SystemFolder.calendar });
    await step(() => api.modifyAppointment(account, appt.created[0], { subject: 'Standup (moved)', start: 1_800_003_600, end: 1_800_004_500 }));
    expect((await row(appt.created[0])).subject).toBe('Standup (moved)');

    const del = await step(() => api.deleteItems(account, [copy.created[0]]));
    expect(await row(copy.created[0])).toBeUndefined();
    const tomb: { ids: string; type: number }[] = await db.query('SELECT ids, type FROM tombstone WHERE sequence = ?', [del.seq]);
    expect(tomb).toEqual([{ ids: String(copy.created[0]), type: ItemType.message }]);

    await step(() => api.deliver(account, { sender: 'c@x.test', recipients: ['b@x.test'], subject: 'Spam', folderId: SystemFolder.junk }));
    const emptied = await step(() => api.emptyFolder(account, SystemFolder.junk));
    expect(emptied.itemIds).toHaveLength(1);
    expect(await row(SystemFolder.junk)).toMatchObject({ size: 0, unread: 0 });

    const gone = await step(() => api.deleteFolder(account, folderId));
    expect(gone.itemIds.sort()).toEqual([msgId, folderId, sub.created[0]].sort());
    const mb = (await readMailbox(db, account))!;
    expect(mb.size_checkpoint).toBe(0);
    expect(mb.contact_count).toBe(1);
    expect(mb.item_id_checkpoint).toBe(Math.max(...done.flatMap((d) => d.r.created)));
  });

  it('puts one event per write on the topic, carrying the full rows and checkpoints of that moment', async () => {
    const events = await reader.events(account, fromOffset);
    expect(events.map((e) => e.seq)).toEqual(done.map((d) => d.r.seq));
    for (const [i, e] of events.entries()) {
      const { r, rows, checkpoints } = done[i];
      expect(e.offset).toBe(r.offset);
      expect(e).toMatchObject({ v: 1, accountId: account, op: r.op, epoch: 1, mailboxId: r.mailboxId });
      const payload = (e as MailboxEnvelope).payload;
      expect(payload.mailbox).toEqual(checkpoints);
      const byId = new Map(rows.map((x) => [x.id, x]));
      for (const u of payload.upserts) expect(u).toEqual(byId.get(u.id));
      for (const id of payload.deletes) expect(byId.has(id)).toBe(false);
      for (const id of r.created) expect(payload.upserts.map((u) => u.id)).toContain(id);
    }
    const del = events.find((e: Envelope) => e.op === 'EmptyFolder') as MailboxEnvelope;
    expect(del.payload.tombstones).toEqual([expect.objectContaining({ type: ItemType.message, sequence: del.seq })]);
  });

  it('refuses bad requests clearly and changes nothing', async () => {
    const before = (await readMailbox(db, account))!.change_checkpoint;
    await expect(api.deliver(account, { sender: 'a@x.test', recipients: [], subject: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.setTags(account, [SystemFolder.inbox], ['nope'])).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.moveItems(account, [999_999], SystemFolder.inbox)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('999999') });
    await expect(api.createFolder(account, { name: 'Inbox', parentId: SystemFolder.userRoot })).rejects.toMatchObject({ code: 'conflict' });
    await expect(api.deleteFolder(account, SystemFolder.inbox)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('system folder') });
    await expect(api.createContact(account, { folderId: SystemFolder.inbox, fields: { email: 'x@y.z' } })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.summary('not-a-uuid')).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await readMailbox(db, account))!.change_checkpoint).toBe(before);
  });
});

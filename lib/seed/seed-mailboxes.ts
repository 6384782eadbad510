import { MailboxClient } from '../mailstore/api-client';
import { ItemType, SystemFolder } from '../mailstore/model';
import type { MailboxSummary } from '../mailstore/reads';
import { SYSTEM_FOLDERS } from '../mailstore/system-folders';
import { contentSize, planMailbox } from './mailbox-content';

export interface MailboxPlan {
  accountId: string;
  name: string;
  apiUrl: string;
  messages: number;
}

/** What an earlier, interrupted seeding left in a mailbox. */
interface SeededSoFar {
  folders: Map<string, number>;
  tags: Set<string>;
  messages: number;
  contacts: number;
  appointments: number;
}

async function countItems(api: MailboxClient, accountId: string, folderId: number, type: number): Promise<number> {
  return (await api.folderItems(accountId, folderId)).filter((i) => i.type === type).length;
}

async function seededSoFar(api: MailboxClient, accountId: string, summary: MailboxSummary): Promise<SeededSoFar> {
  const folders = await api.folders(accountId);
  const tags = await api.tags(accountId);
  const found: SeededSoFar = {
    folders: new Map(folders.filter((f) => f.folder_id === SystemFolder.userRoot && f.name).map((f) => [f.name!, f.id])),
    tags: new Set(tags.map((t) => t.name!)), messages: 0, contacts: summary.contactCount, appointments: 0,
  };
  // Nothing but folders and tags (a new mailbox): no items to count.
  if (summary.itemCount === folders.length + tags.length) return found;
  for (const f of folders) found.messages += await countItems(api, accountId, f.id, ItemType.message);
  found.appointments = await countItems(api, accountId, SystemFolder.calendar, ItemType.appointment);
  return found;
}

/**
 * Fills one mailbox through its mailstore's API, as mail clients would, with its planned content
 * (planMailbox). Skips a mailbox that holds as many items as planned, and completes one that an
 * interrupted run left half filled: its folders and tags are reused by name, and only the
 * messages, contacts and appointments beyond those it holds are created, so a second run never
 * fails on what the first one made. Returns the number of items it created.
 */
export async function seedMailbox(p: MailboxPlan, api = new MailboxClient(p.apiUrl)): Promise<number> {
  const summary = await api.provision(p.accountId);
  const content = planMailbox(p.name, p.messages, Math.floor(Date.now() / 1000));
  if (summary.itemCount >= SYSTEM_FOLDERS.length + contentSize(content)) return 0;
  const have = await seededSoFar(api, p.accountId, summary);
  let created = 0;
  const folderIds: number[] = [];
  for (const name of content.folders) {
    let id = have.folders.get(name);
    if (id === undefined) {
      id = (await api.createFolder(p.accountId, { name, parentId: SystemFolder.userRoot })).created[0];
      created++;
    }
    folderIds.push(id);
  }
  for (const tag of content.tags.filter((t) => !have.tags.has(t.name))) {
    await api.createTag(p.accountId, tag.name, tag.color);
    created++;
  }
  for (const { folder, ...message } of content.messages.slice(have.messages)) {
    await api.deliver(p.accountId, { ...message, folderId: typeof folder === 'number' ? folder : folderIds[folder.user] });
    created++;
  }
  for (const fields of content.contacts.slice(have.contacts)) {
    await api.createContact(p.accountId, { fields });
    created++;
  }
  for (const appointment of content.appointments.slice(have.appointments)) {
    await api.createAppointment(p.accountId, appointment);
    created++;
  }
  return created;
}

/** Seeds many mailboxes, `concurrency` at a time; returns the items created. */
export async function seedMailboxes(plans: MailboxPlan[], concurrency = 12, onProgress?: (done: number) => void): Promise<number> {
  let next = 0;
  let items = 0;
  let done = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, plans.length) }, async () => {
    while (next < plans.length) {
      const p = plans[next++];
      // Not `items += await ...`: that reads `items` before the wait and drops the other workers' counts.
      const created = await seedMailbox(p);
      items += created;
      onProgress?.(++done);
    }
  }));
  return items;
}

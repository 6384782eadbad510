import { MailboxClient } from '../mailstore/api-client';
import { SystemFolder } from '../mailstore/model';
import { FOLDERS, SUBJECTS } from './names';

export interface MailboxPlan {
  accountId: string;
  name: string;
  apiUrl: string;
  messages: number;
}

const PEOPLE = ['marta.conti', 'omar.silva', 'lea.dubois', 'jonas.jensen', 'eva.novak', 'tomas.schmidt'];
const FLAG_SETS = [[], [], [], ['flagged'], ['replied'], ['forwarded'], ['flagged', 'urgent']];

/** A deterministic pseudo-random stream, so a mailbox's content is the same on every run. */
function rng(seed: string) {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h >>>= 0) % 100_000) / 100_000;
  };
}

/**
 * Fills one mailbox through its mailstore's API, as mail clients would: user folders, tags,
 * messages (blobs on the centralized volume) spread over folders with read, flagged and tagged
 * ones, contacts and appointments. Skips a mailbox that already holds the planned content.
 * Returns the number of items it created.
 */
export async function seedMailbox(p: MailboxPlan): Promise<number> {
  const api = new MailboxClient(p.apiUrl);
  const summary = await api.provision(p.accountId);
  if (summary.itemCount >= p.messages) return 0;
  const rnd = rng(p.name);
  let created = 0;
  const folders: number[] = [SystemFolder.inbox];
  for (const name of FOLDERS.slice(0, 2 + Math.floor(rnd() * 3))) {
    folders.push((await api.createFolder(p.accountId, { name, parentId: SystemFolder.userRoot })).created[0]);
    created++;
  }
  for (const tag of ['important', 'follow-up']) {
    await api.createTag(p.accountId, tag, Math.floor(rnd() * 8));
    created++;
  }
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < p.messages; i++) {
    const folderId = rnd() < 0.6 ? SystemFolder.inbox : folders[Math.floor(rnd() * folders.length)];
    const from = PEOPLE[Math.floor(rnd() * PEOPLE.length)];
    await api.deliver(p.accountId, {
      folderId,
      sender: `${from}@example.net`,
      recipients: [p.name],
      subject: SUBJECTS[Math.floor(rnd() * SUBJECTS.length)].replace('{n}', String(1000 + i)),
      body: `Hi,\n\n${'This is a message of the demo mailbox. '.repeat(2 + Math.floor(rnd() * 20))}\n\n-- \n${from}`,
      receivedAt: now - Math.floor(rnd() * 90 * 86400),
      unread: rnd() < 0.3,
      flags: FLAG_SETS[Math.floor(rnd() * FLAG_SETS.length)],
      tags: rnd() < 0.15 ? ['important'] : rnd() < 0.1 ? ['follow-up'] : [],
    });
    created++;
  }
  for (const who of PEOPLE.slice(0, 3 + Math.floor(rnd() * 3))) {
    const [first, last] = who.split('.');
    await api.createContact(p.accountId, { fields: { firstName: first[0].toUpperCase() + first.slice(1), lastName: last[0].toUpperCase() + last.slice(1), email: `${who}@example.net` } });
    created++;
  }
  for (let i = 0; i < 2 + Math.floor(rnd() * 3); i++) {
    const start = now + Math.floor(rnd() * 20) * 86400 + 9 * 3600;
    await api.createAppointment(p.accountId, { subject: ['Weekly sync', 'Customer call', 'Planning', 'Review'][i % 4], start, end: start + 3600, attendees: [`${PEOPLE[i]}@example.net`] });
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
      items += await seedMailbox(p);
      onProgress?.(++done);
    }
  }));
  return items;
}

import { SystemFolder } from '../mailstore/model';
import { FOLDERS, SUBJECTS } from './names';

const PEOPLE = ['marta.conti', 'omar.silva', 'lea.dubois', 'jonas.jensen', 'eva.novak', 'tomas.schmidt'];
const FLAG_SETS = [[], [], [], ['flagged'], ['replied'], ['forwarded'], ['flagged', 'urgent']];
const MEETINGS = ['Weekly sync', 'Customer call', 'Planning', 'Review'];

/** A deterministic pseudo-random stream, so a mailbox's content is the same on every run. */
function rng(seed: string) {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h >>>= 0) % 100_000) / 100_000;
  };
}

export interface DemoMessage {
  /** A system folder's id, or `{ user: i }` for the i-th of the planned user folders. */
  folder: number | { user: number };
  sender: string;
  recipients: string[];
  subject: string;
  body: string;
  receivedAt: number;
  unread: boolean;
  flags: string[];
  tags: string[];
}

/** What a demo mailbox holds, item by item, in the order it is created. */
export interface MailboxContent {
  folders: string[];
  tags: { name: string; color: number }[];
  messages: DemoMessage[];
  contacts: { firstName: string; lastName: string; email: string }[];
  appointments: { subject: string; start: number; end: number; attendees: string[] }[];
}

export function contentSize(c: MailboxContent): number {
  return c.folders.length + c.tags.length + c.messages.length + c.contacts.length + c.appointments.length;
}

const capitalized = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * The content of the mailbox of `owner`, the same on every call for the same owner, count and
 * `now` (seconds): user folders, two tags, `messages` messages spread over the inbox and the
 * folders, some unread, flagged or tagged, received over the last 90 days, contacts and
 * appointments in the next 20 days.
 */
export function planMailbox(owner: string, messages: number, now: number): MailboxContent {
  const rnd = rng(owner);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const folders = FOLDERS.slice(0, 2 + Math.floor(rnd() * 3));
  const tags = ['important', 'follow-up'].map((name) => ({ name, color: Math.floor(rnd() * 8) }));
  const folderChoices: DemoMessage['folder'][] = [SystemFolder.inbox, ...folders.map((_, user) => ({ user }))];
  const list: DemoMessage[] = [];
  for (let i = 0; i < messages; i++) {
    const folder = rnd() < 0.6 ? SystemFolder.inbox : pick(folderChoices);
    const from = pick(PEOPLE);
    list.push({
      folder,
      sender: `${from}@example.net`,
      recipients: [owner],
      subject: pick(SUBJECTS).replace('{n}', String(1000 + i)),
      body: `Hi,\n\n${'This is a message of the demo mailbox. '.repeat(2 + Math.floor(rnd() * 20))}\n\n-- \n${from}`,
      receivedAt: now - Math.floor(rnd() * 90 * 86400),
      unread: rnd() < 0.3,
      flags: pick(FLAG_SETS),
      tags: rnd() < 0.15 ? ['important'] : rnd() < 0.1 ? ['follow-up'] : [],
    });
  }
  const contacts = PEOPLE.slice(0, 3 + Math.floor(rnd() * 3)).map((who) => {
    const [first, last] = who.split('.');
    return { firstName: capitalized(first), lastName: capitalized(last), email: `${who}@example.net` };
  });
  const appointments = Array.from({ length: 2 + Math.floor(rnd() * 3) }, (_, i) => {
    const start = now + Math.floor(rnd() * 20) * 86400 + 9 * 3600;
    return { subject: MEETINGS[i % MEETINGS.length], start, end: start + 3600, attendees: [`${PEOPLE[i]}@example.net`] };
  });
  return { folders, tags, messages: list, contacts, appointments };
}

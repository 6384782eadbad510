import type { MailboxClient } from '../mailstore/api-client';
import { SystemFolder } from '../mailstore/model';
import type { WriteResult } from '../mailstore/service';
import { pick, pickSome, type MailboxModel } from './model';

export interface TrafficOp {
  action: string;
  weight: number;
  ready(m: MailboxModel): boolean;
  /** Runs the operation and teaches the model what it changed. */
  run(api: MailboxClient, accountId: string, m: MailboxModel, rnd: () => number): Promise<WriteResult>;
}

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const SUBJECTS = ['Quarterly report', 'Lunch?', 'Re: contract draft', 'Invoice 2291', 'Meeting notes', 'Travel plans', 'Build failed', 'Welcome aboard'];
const FLAGS = ['flagged', 'replied', 'forwarded', 'urgent'];
const person = (rnd: () => number) => `${pick(PEOPLE, rnd)}@example.net`;
const some = (m: MailboxModel) => m.messages.size > 0;

/** A realistic mix: mostly deliveries and reads, then filing, tagging, deletes, contacts, calendar. */
export const TRAFFIC_MIX: TrafficOp[] = [
  {
    action: 'deliver', weight: 30, ready: () => true,
    run: async (api, a, m, rnd) => {
      const folderId = rnd() < 0.85 ? SystemFolder.inbox : (pick(m.messageFolders(), rnd) ?? SystemFolder.inbox);
      const body = `Hello,\n\n${'Lorem ipsum dolor sit amet. '.repeat(1 + Math.floor(rnd() * 40))}\n-- \n${pick(PEOPLE, rnd)}`;
      const r = await api.deliver(a, { folderId, sender: person(rnd), recipients: [person(rnd)], subject: pick(SUBJECTS, rnd), body });
      m.messages.set(r.created[0], folderId);
      return r;
    },
  },
  { action: 'markRead', weight: 14, ready: some, run: (api, a, m, rnd) => api.markRead(a, pickSome(m.messages.keys(), 3, rnd), rnd() < 0.85) },
  { action: 'setFlags', weight: 8, ready: some, run: (api, a, m, rnd) => api.setFlags(a, pickSome(m.messages.keys(), 2, rnd), pickSome(FLAGS, 2, rnd)) },
  {
    action: 'moveItems', weight: 8, ready: some,
    run: async (api, a, m, rnd) => {
      const ids = pickSome(m.messages.keys(), 3, rnd);
      const folderId = pick(m.messageFolders(), rnd)!;
      const r = await api.moveItems(a, ids, folderId);
      for (const id of ids) m.messages.set(id, folderId);
      return r;
    },
  },
  {
    action: 'copyItems', weight: 3, ready: some,
    run: async (api, a, m, rnd) => {
      const folderId = pick(m.messageFolders(), rnd)!;
      const r = await api.copyItems(a, pickSome(m.messages.keys(), 2, rnd), folderId);
      for (const id of r.created) m.messages.set(id, folderId);
      return r;
    },
  },
  { action: 'alterTag', weight: 5, ready: (m) => some(m) && m.tags.size > 0, run: (api, a, m, rnd) => api.alterTag(a, pickSome(m.messages.keys(), 3, rnd), pick(m.tags, rnd)!, rnd() < 0.7) },
  { action: 'setTags', weight: 2, ready: (m) => some(m) && m.tags.size > 0, run: (api, a, m, rnd) => api.setTags(a, pickSome(m.messages.keys(), 2, rnd), pickSome(m.tags, 2, rnd)) },
  {
    action: 'deleteItems', weight: 6, ready: (m) => m.messages.size > 20,
    run: async (api, a, m, rnd) => {
      const ids = pickSome(m.messages.keys(), 2, rnd);
      const r = await api.deleteItems(a, ids);
      m.forget(ids);
      return r;
    },
  },
  {
    action: 'createContact', weight: 4, ready: () => true,
    run: async (api, a, m, rnd) => {
      const first = pick(PEOPLE, rnd)!;
      const r = await api.createContact(a, { fields: { firstName: first, lastName: m.uniqueName('Doe'), email: `${first}@example.org` } });
      m.contacts.add(r.created[0]);
      return r;
    },
  },
  { action: 'modifyContact', weight: 3, ready: (m) => m.contacts.size > 0, run: (api, a, m, rnd) => api.modifyContact(a, pick(m.contacts, rnd)!, { fields: { phone: `+39 06 ${Math.floor(rnd() * 1e7)}` } }) },
  {
    action: 'createAppointment', weight: 4, ready: () => true,
    run: async (api, a, m, rnd) => {
      const start = Math.floor(Date.now() / 1000) + Math.floor(rnd() * 30) * 86400;
      const r = await api.createAppointment(a, { subject: pick(SUBJECTS, rnd), start, end: start + 1800, attendees: [person(rnd)] });
      m.appointments.add(r.created[0]);
      return r;
    },
  },
  {
    action: 'modifyAppointment', weight: 2, ready: (m) => m.appointments.size > 0,
    run: (api, a, m, rnd) => {
      const start = Math.floor(Date.now() / 1000) + Math.floor(rnd() * 30) * 86400;
      return api.modifyAppointment(a, pick(m.appointments, rnd)!, { subject: 'Rescheduled', start, end: start + 3600, location: 'Room 4' });
    },
  },
  {
    action: 'createFolder', weight: 3, ready: (m) => m.userFolders.size < 10,
    run: async (api, a, m) => {
      const name = m.uniqueName('Folder');
      const r = await api.createFolder(a, { name, parentId: SystemFolder.inbox });
      m.userFolders.set(r.created[0], name);
      return r;
    },
  },
  { action: 'renameFolder', weight: 2, ready: (m) => m.userFolders.size > 0, run: (api, a, m, rnd) => api.renameFolder(a, pick(m.userFolders.keys(), rnd)!, m.uniqueName('Renamed')) },
  { action: 'moveFolder', weight: 1, ready: (m) => m.userFolders.size > 0, run: (api, a, m, rnd) => api.moveFolder(a, pick(m.userFolders.keys(), rnd)!, rnd() < 0.5 ? SystemFolder.userRoot : SystemFolder.inbox) },
  {
    action: 'deleteFolder', weight: 1, ready: (m) => m.userFolders.size > 3,
    run: async (api, a, m, rnd) => {
      const id = pick(m.userFolders.keys(), rnd)!;
      const r = await api.deleteFolder(a, id);
      m.forget(r.itemIds);
      return r;
    },
  },
  {
    action: 'emptyFolder', weight: 1, ready: (m) => m.messages.size > 40,
    run: async (api, a, m, rnd) => {
      const id = rnd() < 0.5 ? SystemFolder.trash : SystemFolder.junk;
      const r = await api.emptyFolder(a, id);
      m.forget(r.itemIds);
      return r;
    },
  },
  {
    action: 'createTag', weight: 1, ready: (m) => m.tags.size < 8,
    run: async (api, a, m, rnd) => {
      const name = m.uniqueName('tag').replace(/\s/g, '-');
      const r = await api.createTag(a, name, Math.floor(rnd() * 10));
      m.tags.add(name);
      return r;
    },
  },
];

/** One operation chosen by weight among those whose preconditions hold. */
export function chooseOp(m: MailboxModel, rnd: () => number = Math.random): TrafficOp {
  const ready = TRAFFIC_MIX.filter((op) => op.ready(m));
  let x = rnd() * ready.reduce((s, op) => s + op.weight, 0);
  for (const op of ready) {
    x -= op.weight;
    if (x < 0) return op;
  }
  return ready[0];
}

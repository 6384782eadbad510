import { SystemFolder, type ItemRow, ItemType } from '../mailstore/model';

const MESSAGE_FOLDERS = [SystemFolder.inbox, SystemFolder.sent, SystemFolder.drafts, SystemFolder.junk, SystemFolder.trash];

/**
 * What the traffic generator knows about one mailbox, learnt from its answers, so that the
 * operations it picks refer to items that exist (most of the time: concurrent operations may
 * race, and a refusal is counted, not fatal).
 */
export class MailboxModel {
  readonly messages = new Map<number, number>();
  readonly contacts = new Set<number>();
  readonly appointments = new Set<number>();
  readonly userFolders = new Map<number, string>();
  readonly tags = new Set<string>();
  private counter = 0;

  /** Learns from the mailbox as it is (a run on an existing mailbox). */
  load(folders: ItemRow[], tags: ItemRow[], items: ItemRow[]) {
    for (const f of folders) if (f.id >= 256 && JSON.parse(f.metadata ?? '{}').view === 'message') this.userFolders.set(f.id, f.name ?? '');
    for (const t of tags) if (t.name) this.tags.add(t.name);
    for (const i of items) {
      if (i.type === ItemType.message && i.folder_id !== null) this.messages.set(i.id, i.folder_id);
      if (i.type === ItemType.contact) this.contacts.add(i.id);
      if (i.type === ItemType.appointment) this.appointments.add(i.id);
    }
  }

  messageFolders(): number[] {
    return [...MESSAGE_FOLDERS, ...this.userFolders.keys()];
  }

  uniqueName(prefix: string): string {
    return `${prefix} ${Date.now().toString(36)}-${(this.counter++).toString(36)}`;
  }

  forget(ids: number[]) {
    for (const id of ids) {
      this.messages.delete(id);
      this.contacts.delete(id);
      this.appointments.delete(id);
      this.userFolders.delete(id);
    }
  }

  /** Items of emptied or deleted folders. */
  forgetFolderContents(folderIds: number[]) {
    for (const [id, folder] of this.messages) if (folderIds.includes(folder)) this.messages.delete(id);
  }
}

export function pick<T>(xs: T[] | Iterable<T>, rnd: () => number = Math.random): T | undefined {
  const arr = Array.isArray(xs) ? xs : [...xs];
  return arr.length ? arr[Math.floor(rnd() * arr.length)] : undefined;
}

export function pickSome<T>(xs: Iterable<T>, max: number, rnd: () => number = Math.random): T[] {
  const arr = [...xs];
  const n = Math.min(arr.length, 1 + Math.floor(rnd() * max));
  const out = new Set<T>();
  while (out.size < n) out.add(arr[Math.floor(rnd() * arr.length)]);
  return [...out];
}

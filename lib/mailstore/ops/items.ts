import { ValidationError } from '../../errors';
import { folderAccepts } from '../folders-meta';
import type { MailboxTx } from '../mailbox-tx';
import { ItemType, type ItemRow } from '../model';
import { flagsOf, requireContentItems, requireFolder, splitTags, tagsColumn, typeName, type FlagName } from './common';

/** The target folder, which must accept every item's type. */
async function targetFolder(tx: MailboxTx, folderId: number, rows: ItemRow[]): Promise<ItemRow> {
  const folder = await requireFolder(tx, folderId);
  const misfits = rows.filter((r) => !folderAccepts(folder, r.type));
  if (misfits.length) {
    throw new ValidationError(`folder ${folder.id} (${folder.name}) cannot hold ${misfits.map((r) => `${typeName(r.type)} ${r.id}`).join(', ')}`,
      misfits.map((r) => ({ field: 'ids', message: `${r.id}: wrong folder type` })));
  }
  return folder;
}

/** MoveItem: items change folder; both folders' counters follow. */
export async function moveItems(tx: MailboxTx, ids: number[], folderId: number): Promise<void> {
  const rows = await requireContentItems(tx, ids);
  const folder = await targetFolder(tx, folderId, rows);
  const moving = rows.filter((r) => r.folder_id !== folder.id);
  for (const r of moving) {
    tx.folderDelta(r.folder_id!, -1, -r.unread);
    tx.folderDelta(folder.id, 1, r.unread);
  }
  await tx.update(moving.map((r) => r.id), 'folder_id = ?', [folder.id]);
}

/** CopyItem: new items with the same content (a message's copy shares its blob). */
export async function copyItems(tx: MailboxTx, ids: number[], folderId: number): Promise<number[]> {
  const rows = await requireContentItems(tx, ids);
  const folder = await targetFolder(tx, folderId, rows);
  const out: number[] = [];
  for (const r of rows) {
    const { id: _id, mod_metadata: _m, mod_content: _c, change_date: _d, uuid: _u, ...rest } = r;
    const copy = tx.newRow({ ...rest, folder_id: folder.id });
    await tx.create(copy);
    out.push(copy.id);
  }
  return out;
}

/** SetItemFlags: the items' flags become exactly `flags`. */
export async function setFlags(tx: MailboxTx, ids: number[], flags: FlagName[]): Promise<void> {
  await requireContentItems(tx, ids);
  await tx.update([...new Set(ids)], 'flags = ?', [flagsOf(flags)]);
}

/** SetItemTags: the items' tags become exactly `tags`. */
export async function setTags(tx: MailboxTx, ids: number[], tags: string[]): Promise<void> {
  await requireContentItems(tx, ids);
  await tx.update([...new Set(ids)], 'tags = ?', [await tagsColumn(tx, tags)]);
}

/** AlterItemTag: one tag added to or removed from items. */
export async function alterTag(tx: MailboxTx, ids: number[], tag: string, on: boolean): Promise<void> {
  const rows = await requireContentItems(tx, ids);
  if (on) await tagsColumn(tx, [tag]);
  for (const r of rows) {
    const current = splitTags(r.tags);
    const next = on ? [...new Set([...current, tag])].sort() : current.filter((t) => t !== tag);
    if (next.join(',') !== r.tags) await tx.update([r.id], 'tags = ?', [next.join(',')]);
  }
}

/** Mark read / unread (the product's unread pseudo-flag, an AlterItemTag): messages only. */
export async function markRead(tx: MailboxTx, ids: number[], read: boolean): Promise<void> {
  const rows = await requireContentItems(tx, ids);
  const notMessages = rows.filter((r) => r.type !== ItemType.message);
  if (notMessages.length) throw ValidationError.single('ids', `only messages are read or unread (${notMessages.map((r) => r.id).join(', ')} are not)`);
  const unread = read ? 0 : 1;
  const changing = rows.filter((r) => r.unread !== unread);
  for (const r of changing) tx.folderDelta(r.folder_id!, 0, unread - r.unread);
  await tx.update(changing.map((r) => r.id), 'unread = ?', [unread]);
}

/** DeleteItem: the items are removed for good, leaving tombstones. */
export async function deleteItems(tx: MailboxTx, ids: number[]): Promise<void> {
  await tx.remove(await requireContentItems(tx, ids));
}

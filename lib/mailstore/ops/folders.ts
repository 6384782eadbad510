import { ValidationError } from '../../errors';
import { folderMetadata, folderViewOf, type FolderView } from '../folders-meta';
import type { MailboxTx } from '../mailbox-tx';
import { ItemType, SystemFolder, type ItemRow } from '../model';
import { selectWhere } from '../sql';
import { isSystemFolder } from '../system-folders';
import { requireFolder, requireParentFolder, typeName, uniqueName } from './common';

export interface CreateFolderInput {
  parentId: number;
  name: string;
  view: Exclude<FolderView, 'container'>;
  color?: number;
}

/** CreateFolder. */
export async function createFolder(tx: MailboxTx, input: CreateFolderInput): Promise<number> {
  const parent = await requireParentFolder(tx, input.parentId);
  const row = tx.newRow({ type: ItemType.folder, parent_id: parent.id, folder_id: parent.id, name: input.name, metadata: folderMetadata(input.view, input.color) });
  await uniqueName(tx, 'folder', input.name, `folder ${parent.id} (${parent.name})`, () => tx.create(row));
  return row.id;
}

function refuseSystem(id: number, action: string) {
  if (isSystemFolder(id)) throw ValidationError.single('id', `folder ${id} is a system folder and cannot be ${action}`);
}

/** RenameItem: a user folder or a tag gets a new name. */
export async function renameItem(tx: MailboxTx, id: number, name: string): Promise<void> {
  refuseSystem(id, 'renamed');
  const item = await tx.loadOne(id);
  if (item.type !== ItemType.folder && item.type !== ItemType.tag) {
    throw ValidationError.single('id', `item ${id} is a ${typeName(item.type)}: only folders and tags are renamed`);
  }
  if (item.type === ItemType.tag && name.includes(',')) throw ValidationError.single('name', 'tag names cannot contain ","');
  if (item.name === name) return tx.update([id], 'name = ?', [name]);
  const where = item.type === ItemType.tag ? 'Tags' : `folder ${item.folder_id}`;
  await uniqueName(tx, typeName(item.type), name, where, () => tx.update([id], 'name = ?', [name]));
  if (item.type === ItemType.tag && item.name) await retag(tx, item.name, name);
}

/** Items carrying a renamed tag follow the new name. */
async function retag(tx: MailboxTx, from: string, to: string) {
  const tagged = await selectWhere(tx.conn, tx.mailboxId, 'FIND_IN_SET(?, tags) > 0', [from]);
  for (const r of tagged) {
    const tags = r.tags.split(',').map((t) => (t === from ? to : t)).sort().join(',');
    await tx.update([r.id], 'tags = ?', [tags]);
  }
}

/** MoveItem for a folder: it and its subtree go under another folder. */
export async function moveFolder(tx: MailboxTx, id: number, parentId: number): Promise<void> {
  refuseSystem(id, 'moved');
  const folder = await requireFolder(tx, id);
  const target = await requireParentFolder(tx, parentId);
  for (let cur: ItemRow = target; cur.id !== SystemFolder.root; cur = await tx.loadOne(cur.parent_id ?? SystemFolder.root)) {
    if (cur.id === id) throw ValidationError.single('parentId', `folder ${id} cannot move into itself or one of its subfolders (${parentId})`);
  }
  if (folder.parent_id === target.id) return;
  await uniqueName(tx, 'folder', folder.name ?? '', `folder ${target.id} (${target.name})`, () => tx.update([id], 'parent_id = ?, folder_id = ?', [target.id, target.id]));
}

/** The folder ids of a subtree, the root first. */
async function subtree(tx: MailboxTx, rootId: number): Promise<number[]> {
  const out = [rootId];
  for (let level = [rootId]; level.length; ) {
    const children = await selectWhere(tx.conn, tx.mailboxId, 'type = ? AND parent_id IN (?) AND id <> parent_id', [ItemType.folder, level]);
    level = children.map((c) => c.id);
    out.push(...level);
  }
  return out;
}

/** DeleteItem for a folder: the folder, its subfolders and everything in them. */
export async function deleteFolder(tx: MailboxTx, id: number): Promise<number[]> {
  refuseSystem(id, 'deleted');
  await requireFolder(tx, id);
  const folders = await subtree(tx, id);
  const rows = await selectWhere(tx.conn, tx.mailboxId, 'id IN (?) OR (folder_id IN (?) AND type <> ?)', [folders, folders, ItemType.folder]);
  await tx.remove(rows);
  return rows.map((r) => r.id);
}

/** EmptyFolder: everything in the folder goes (with its subfolders when asked). */
export async function emptyFolder(tx: MailboxTx, id: number, includeSubfolders: boolean): Promise<number[]> {
  const folder = await requireFolder(tx, id);
  if (folderViewOf(folder) === 'container') throw ValidationError.single('id', `folder ${id} (${folder.name}) is a system container and cannot be emptied`);
  const subfolders = includeSubfolders ? (await subtree(tx, id)).slice(1) : [];
  const holders = [id, ...subfolders];
  const rows = await selectWhere(tx.conn, tx.mailboxId, '(folder_id IN (?) AND type <> ?) OR id IN (?)', [holders, ItemType.folder, subfolders.length ? subfolders : [0]]);
  await tx.remove(rows);
  return rows.map((r) => r.id);
}

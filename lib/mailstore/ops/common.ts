import { ConflictError, ValidationError } from '../../errors';
import { acceptsSubfolders, folderAccepts, folderViewOf } from '../folders-meta';
import type { MailboxTx } from '../mailbox-tx';
import { Flag, ItemType, SystemFolder, type ItemRow } from '../model';
import { isDuplicateKey, selectWhere } from '../sql';

export type FlagName = keyof typeof Flag;
export const FLAG_NAMES = Object.keys(Flag) as FlagName[];

export function flagsOf(names: FlagName[]): number {
  return names.reduce((bits, n) => bits | Flag[n], 0);
}

const TYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(ItemType).map(([k, v]) => [v, k]));
export const typeName = (t: number) => TYPE_NAMES[t] ?? `type ${t}`;

/** A folder that must exist and, when `holds` is given, accept items of that type. */
export async function requireFolder(tx: MailboxTx, id: number, holds?: number): Promise<ItemRow> {
  const f = await tx.loadOne(id, 'folder');
  if (f.type !== ItemType.folder) throw ValidationError.single('folderId', `item ${id} is a ${typeName(f.type)}, not a folder`);
  if (holds !== undefined && !folderAccepts(f, holds)) {
    throw ValidationError.single('folderId', `folder ${id} (${f.name}) holds ${folderViewOf(f)} items, not ${typeName(holds)}s`);
  }
  return f;
}

export async function requireParentFolder(tx: MailboxTx, id: number): Promise<ItemRow> {
  const f = await requireFolder(tx, id);
  if (!acceptsSubfolders(f)) throw ValidationError.single('parentId', `folders cannot be created under ${f.name} (${id}); use a folder under USER_ROOT (${SystemFolder.userRoot})`);
  return f;
}

/** Items that are not folders or tags (those have their own operations). */
export async function requireContentItems(tx: MailboxTx, ids: number[]): Promise<ItemRow[]> {
  const rows = await tx.load(ids);
  const wrong = rows.filter((r) => r.type === ItemType.folder || r.type === ItemType.tag || r.type === ItemType.searchFolder);
  if (wrong.length) {
    throw new ValidationError(`items ${wrong.map((r) => r.id).join(', ')} are folders or tags: use the folder and tag operations for them`,
      wrong.map((r) => ({ field: 'ids', message: `${r.id} is a ${typeName(r.type)}` })));
  }
  return rows;
}

/** The tags column for a set of tag names: sorted, unique, comma-separated; every tag must exist. */
export async function tagsColumn(tx: MailboxTx, names: string[]): Promise<string> {
  const unique = [...new Set(names)].sort();
  if (unique.length === 0) return '';
  const rows = await selectWhere(tx.conn, tx.mailboxId, 'type = ? AND folder_id = ? AND name IN (?)', [ItemType.tag, SystemFolder.tags, unique]);
  const known = new Set(rows.map((r) => r.name));
  const missing = unique.filter((n) => !known.has(n));
  if (missing.length) {
    throw new ValidationError(`unknown tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: create ${missing.length > 1 ? 'them' : 'it'} first (POST .../tags)`,
      missing.map((n) => ({ field: 'tags', message: `no tag named ${n}` })));
  }
  return unique.join(',');
}

export function splitTags(column: string): string[] {
  return column ? column.split(',') : [];
}

/** Turns a duplicate name into a ConflictError that says which name and where (the write is sent here, not held). */
export async function uniqueName(tx: MailboxTx, what: string, name: string, where: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
    await tx.flush();
  } catch (err) {
    if (isDuplicateKey(err)) throw new ConflictError(`A ${what} named "${name}" already exists in ${where}`, [{ field: 'name', message: 'already exists' }]);
    throw err;
  }
}

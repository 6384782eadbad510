import { NotFoundError } from '../errors';
import type { BlobStore } from './blob-store';
import { readMailbox, type MailboxRow } from './mailbox-row';
import { ItemType, type ItemRow } from './model';
import { selectItems, selectWhere, type Queryable } from './sql';

export interface MailboxSummary {
  accountId: string;
  mailboxId: number;
  state: MailboxRow['state'];
  epoch: number;
  publishing: boolean;
  itemIdCheckpoint: number;
  changeCheckpoint: number;
  sizeCheckpoint: number;
  contactCount: number;
  itemCount: number;
  lastChangeAt: string | null;
}

export async function requireMailbox(db: Queryable, accountId: string): Promise<MailboxRow> {
  const m = await readMailbox(db, accountId);
  if (!m) throw new NotFoundError(`Account ${accountId} has no mailbox on this mailstore (it is created on the first write, or with POST /api/mailboxes/${accountId})`);
  return m;
}

export async function mailboxSummary(db: Queryable, accountId: string): Promise<MailboxSummary> {
  const m = await requireMailbox(db, accountId);
  const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM mail_item WHERE mailbox_id = ?', [m.id]);
  return {
    accountId, mailboxId: m.id, state: m.state, epoch: m.epoch, publishing: m.publishing,
    itemIdCheckpoint: m.item_id_checkpoint, changeCheckpoint: m.change_checkpoint, sizeCheckpoint: m.size_checkpoint,
    contactCount: m.contact_count, itemCount: Number(n), lastChangeAt: m.last_change_at?.toISOString() ?? null,
  };
}

export async function listFolders(db: Queryable, accountId: string): Promise<ItemRow[]> {
  const m = await requireMailbox(db, accountId);
  return selectWhere(db, m.id, 'type = ?', [ItemType.folder]);
}

export async function listTags(db: Queryable, accountId: string): Promise<ItemRow[]> {
  const m = await requireMailbox(db, accountId);
  return selectWhere(db, m.id, 'type = ?', [ItemType.tag]);
}

/** Items directly in a folder (not subfolders), by id, one page after `afterId`. */
export async function listFolderItems(db: Queryable, accountId: string, folderId: number, page: { limit: number; afterId: number }) {
  const m = await requireMailbox(db, accountId);
  const folder = (await selectItems(db, m.id, [folderId]))[0];
  if (!folder || folder.type !== ItemType.folder) throw new NotFoundError(`No folder ${folderId} in the mailbox of ${accountId}`);
  const items = await selectWhere(db, m.id, 'folder_id = ? AND type <> ? AND id > ?', [folderId, ItemType.folder, page.afterId], page.limit);
  return { folder, items, nextAfterId: items.length === page.limit ? items[items.length - 1].id : null };
}

export async function getItem(db: Queryable, accountId: string, itemId: number): Promise<ItemRow> {
  const m = await requireMailbox(db, accountId);
  const row = (await selectItems(db, m.id, [itemId]))[0];
  if (!row) throw new NotFoundError(`No item ${itemId} in the mailbox of ${accountId}`);
  return row;
}

/** A message's content, read from the centralized volume through its locator. */
export async function getContent(db: Queryable, blobs: BlobStore, accountId: string, itemId: number) {
  const row = await getItem(db, accountId, itemId);
  if (!row.locator) throw new NotFoundError(`Item ${itemId} has no content blob`);
  const content = await blobs.get(row.locator);
  return { itemId, locator: row.locator, digest: row.blob_digest, size: content.length, content: content.toString('utf8') };
}

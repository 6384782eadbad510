import { randomUUID } from 'node:crypto';
import { COMMIT, queryAll, type Conn, type Statement } from '../db/pool';
import { NotFoundError } from '../errors';
import type { ChangePayload } from '../replication/envelope';
import { countsTowardSize } from './folders-meta';
import type { MailboxRow } from './mailbox-row';
import { ItemType, type ItemRow, type MailboxCheckpoints, type TombstoneRow } from './model';
import { insertItemStatement, selectItems, selectItemsStatement, toItemRow, type Queryable } from './sql';

type NewItem = Pick<ItemRow, 'type' | 'folder_id'> & Partial<ItemRow>;

/**
 * One mailbox transaction in progress. The mailbox row is locked; `seq` is the change number
 * this transaction gets (change_checkpoint + 1). Operations create, update and remove rows
 * through it; `finish()` applies the folder counters, writes tombstones and checkpoints, and
 * reads back the full rows it changed: the event carries exactly what the database holds
 * (`finishAndCommit()` when nothing publishes the change: no read-back, COMMIT instead).
 *
 * Creates, updates and deletes need no answer, so they are held and sent with the next
 * statement that does (a read through `conn`, `flush()`, or the finishing batch): one round trip
 * instead of two. An error of a held statement (a duplicate name, say) surfaces there;
 * `flush()` makes it surface where the caller can still name it.
 */
export class MailboxTx {
  readonly seq: number;
  /** Seconds, as the product's date columns. */
  readonly now: number;
  readonly mailboxId: number;
  /** Ids created by this transaction, then ids changed (for the caller's answer). */
  readonly created: number[] = [];
  readonly changed = new Set<number>();
  private nextId: number;
  private readonly touched = new Set<number>();
  private readonly removed = new Map<number, number[]>();
  private readonly removedIds = new Set<number>();
  private readonly folderDeltas = new Map<number, { items: number; unread: number }>();
  private sizeDelta = 0;
  private contactDelta = 0;
  private held: Statement[] = [];
  /** Reads within the transaction: each carries the held writes before it, in the same round trip. */
  readonly conn: Queryable;

  constructor(private readonly raw: Conn, readonly mailbox: MailboxRow, nowMs = Date.now()) {
    this.conn = { query: (sql: string, params?: unknown) => this.read(sql, params) } as Queryable;
    this.seq = mailbox.change_checkpoint + 1;
    this.now = Math.floor(nowMs / 1000);
    this.mailboxId = mailbox.id;
    this.nextId = mailbox.item_id_checkpoint + 1;
  }

  private async read(sql: string, params?: unknown): Promise<unknown> {
    if (!this.held.length) return this.raw.query(sql, params);
    const results = await queryAll(this.raw, [...this.takeHeld(), { sql, params: (params as unknown[] | undefined) ?? [] }]);
    return results[results.length - 1];
  }

  /** Sends the held writes now (their errors surface here). */
  async flush(): Promise<void> {
    if (this.held.length) await queryAll(this.raw, this.takeHeld());
  }

  private takeHeld(): Statement[] {
    const held = this.held;
    this.held = [];
    return held;
  }

  /** Loads items by id; every id must exist (NotFoundError names the missing ones). */
  async load(ids: number[], what = 'item'): Promise<ItemRow[]> {
    const unique = [...new Set(ids)];
    const rows = await selectItems(this.conn, this.mailboxId, unique);
    if (rows.length !== unique.length) {
      const found = new Set(rows.map((r) => r.id));
      const missing = unique.filter((id) => !found.has(id));
      throw new NotFoundError(`No ${what} with id ${missing.join(', ')} in mailbox ${this.mailboxId}`, missing.map((id) => ({ field: 'ids', message: `no ${what} ${id}` })));
    }
    return rows;
  }

  async loadOne(id: number, what = 'item'): Promise<ItemRow> {
    return (await this.load([id], what))[0];
  }

  /** A new row with the product's defaults for this change; the caller fills the rest. */
  newRow(item: NewItem): ItemRow {
    const id = this.nextId++;
    return {
      parent_id: null, date: this.now, size: 0, locator: null, blob_digest: null, unread: 0, flags: 0, tags: '',
      sender: null, recipients: null, subject: null, name: null, metadata: null, uuid: randomUUID(),
      ...item,
      id, mod_metadata: this.seq, change_date: this.now, mod_content: this.seq,
    };
  }

  async create(row: ItemRow): Promise<void> {
    this.held.push(insertItemStatement(this.mailboxId, row));
    this.touched.add(row.id);
    this.created.push(row.id);
    if (row.type !== ItemType.folder && row.folder_id !== null) this.folderDelta(row.folder_id, 1, row.unread);
    if (countsTowardSize(row.type)) this.sizeDelta += row.size;
    if (row.type === ItemType.contact) this.contactDelta += 1;
  }

  /** Updates rows: `set` is a SQL SET list; mod_metadata/change_date (and mod_content) follow. */
  async update(ids: number[], set: string, params: unknown[], opts: { content?: boolean } = {}): Promise<void> {
    if (ids.length === 0) return;
    const content = opts.content ? ', mod_content = ?' : '';
    this.held.push({
      sql: `UPDATE mail_item SET ${set}, mod_metadata = ?, change_date = ?${content} WHERE mailbox_id = ? AND id IN (?)`,
      params: [...params, this.seq, this.now, ...(opts.content ? [this.seq] : []), this.mailboxId, ids],
    });
    for (const id of ids) {
      this.touched.add(id);
      this.changed.add(id);
    }
  }

  /** Deletes rows, leaving one tombstone per item type for this change. */
  async remove(rows: ItemRow[]): Promise<void> {
    if (rows.length === 0) return;
    this.held.push({ sql: 'DELETE FROM mail_item WHERE mailbox_id = ? AND id IN (?)', params: [this.mailboxId, rows.map((r) => r.id)] });
    for (const r of rows) {
      this.removedIds.add(r.id);
      this.changed.add(r.id);
      this.removed.set(r.type, [...(this.removed.get(r.type) ?? []), r.id]);
      if (r.type !== ItemType.folder && r.folder_id !== null) this.folderDelta(r.folder_id, -1, -r.unread);
      if (countsTowardSize(r.type)) this.sizeDelta -= r.size;
      if (r.type === ItemType.contact) this.contactDelta -= 1;
    }
  }

  /** Changes a folder's item count (`size`) and unread count, applied once at finish(). */
  folderDelta(folderId: number, items: number, unread: number) {
    if (items === 0 && unread === 0) return;
    const d = this.folderDeltas.get(folderId) ?? { items: 0, unread: 0 };
    d.items += items;
    d.unread += unread;
    this.folderDeltas.set(folderId, d);
  }

  /**
   * Writes counters, tombstones and checkpoints and reads back the rows this change left, in one
   * round trip; returns the event payload of this change.
   */
  async finish(): Promise<ChangePayload> {
    const { statements, tombstones, checkpoints } = this.closing();
    const ids = [...this.touched].filter((id) => !this.removedIds.has(id));
    if (ids.length) statements.push(selectItemsStatement(this.mailboxId, ids));
    const results = await queryAll(this.raw, [...this.takeHeld(), ...statements]);
    const upserts = ids.length ? (results[results.length - 1] as Record<string, unknown>[]).map(toItemRow) : [];
    return { mailbox: checkpoints, upserts, deletes: [...this.removedIds].sort((a, b) => a - b), tombstones };
  }

  /** For a change nothing publishes: counters, tombstones, checkpoints and COMMIT in one round trip. */
  async finishAndCommit(): Promise<void> {
    const { statements } = this.closing();
    await queryAll(this.raw, [...this.takeHeld(), ...statements, COMMIT]);
  }

  private closing(): { statements: Statement[]; tombstones: TombstoneRow[]; checkpoints: MailboxCheckpoints } {
    const statements: Statement[] = [];
    for (const [folderId, d] of this.folderDeltas) {
      if (this.removedIds.has(folderId) || (d.items === 0 && d.unread === 0)) continue;
      statements.push({
        sql: 'UPDATE mail_item SET size = GREATEST(size + ?, 0), unread = GREATEST(unread + ?, 0), mod_metadata = ?, change_date = ? WHERE mailbox_id = ? AND id = ?',
        params: [d.items, d.unread, this.seq, this.now, this.mailboxId, folderId],
      });
      this.touched.add(folderId);
    }
    const tombstones: TombstoneRow[] = [...this.removed.entries()]
      .sort(([a], [b]) => a - b)
      .map(([type, ids]) => ({ sequence: this.seq, date: this.now, type, ids: ids.sort((a, b) => a - b).join(',') }));
    for (const t of tombstones) {
      statements.push({ sql: 'INSERT INTO tombstone (mailbox_id, sequence, date, type, ids) VALUES (?, ?, ?, ?, ?)', params: [this.mailboxId, t.sequence, t.date, t.type, t.ids] });
    }
    const checkpoints: MailboxCheckpoints = {
      item_id_checkpoint: this.nextId - 1,
      change_checkpoint: this.seq,
      size_checkpoint: Math.max(0, this.mailbox.size_checkpoint + this.sizeDelta),
      contact_count: Math.max(0, this.mailbox.contact_count + this.contactDelta),
    };
    statements.push({
      sql: 'UPDATE mailbox SET item_id_checkpoint = ?, change_checkpoint = ?, size_checkpoint = ?, contact_count = ?, last_change_at = NOW(3) WHERE id = ?',
      params: [checkpoints.item_id_checkpoint, checkpoints.change_checkpoint, checkpoints.size_checkpoint, checkpoints.contact_count, this.mailboxId],
    });
    return { statements, tombstones, checkpoints };
  }
}

import type { Pool } from '../db/pool';
import type { ItemRow, MailboxCheckpoints, TombstoneRow } from '../mailstore/model';
import { ITEM_SELECT, toItemRow } from '../mailstore/sql';

export interface SnapshotHead {
  mailboxId: number;
  state: string;
  epoch: number;
  /** The sequence this consistent read sees (S). */
  seq: number;
  checkpoints: MailboxCheckpoints;
  /** Items this pass will send (ids above the cursor). */
  totalItems: number;
}

export type SnapshotPart = { kind: 'items'; rows: ItemRow[] } | { kind: 'tombstones'; rows: TombstoneRow[] };

/** Rough size of a row once JSON-encoded, to keep chunks under the broker's record limit. */
export function approxRowBytes(r: ItemRow): number {
  return 220 + (r.subject?.length ?? 0) + (r.metadata?.length ?? 0) + (r.recipients?.length ?? 0) + (r.locator?.length ?? 0)
    + (r.sender?.length ?? 0) + (r.name?.length ?? 0) + r.tags.length;
}

/**
 * One pass of a snapshot: a single REPEATABLE READ transaction (START TRANSACTION WITH
 * CONSISTENT SNAPSHOT) that reads the mailbox row at sequence S, then every item with an id
 * above `afterItemId` in id order, then every tombstone, in chunks bounded by rows and bytes.
 * `open` resolves with the head; iterate `parts()` to the end, or call `close()`.
 */
export class SnapshotReader {
  private constructor(private readonly conn: Awaited<ReturnType<Pool['getConnection']>>, readonly head: SnapshotHead, private readonly afterItemId: number) {}

  static async open(db: Pool, accountId: string, afterItemId: number): Promise<SnapshotReader | undefined> {
    const conn = await db.getConnection();
    try {
      await conn.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
      const rows: Record<string, unknown>[] = await conn.query(
        'SELECT id, state, epoch, item_id_checkpoint, change_checkpoint, size_checkpoint, contact_count FROM mailbox WHERE account_id = ?', [accountId]);
      const m = rows[0];
      if (!m) {
        await conn.rollback();
        conn.release();
        return undefined;
      }
      const [{ n }] = await conn.query('SELECT COUNT(*) AS n FROM mail_item WHERE mailbox_id = ? AND id > ?', [m.id, afterItemId]);
      const head: SnapshotHead = {
        mailboxId: Number(m.id), state: String(m.state), epoch: Number(m.epoch), seq: Number(m.change_checkpoint), totalItems: Number(n),
        checkpoints: {
          item_id_checkpoint: Number(m.item_id_checkpoint), change_checkpoint: Number(m.change_checkpoint),
          size_checkpoint: Number(m.size_checkpoint), contact_count: Number(m.contact_count),
        },
      };
      return new SnapshotReader(conn, head, afterItemId);
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      conn.release();
      throw err;
    }
  }

  async *parts(opts: { chunkRows?: number; chunkBytes?: number } = {}): AsyncGenerator<SnapshotPart> {
    const chunkRows = opts.chunkRows ?? 5000;
    const chunkBytes = opts.chunkBytes ?? 700_000;
    let cursor = this.afterItemId;
    for (;;) {
      const rows: Record<string, unknown>[] = await this.conn.query(
        `SELECT ${ITEM_SELECT} FROM mail_item WHERE mailbox_id = ? AND id > ? ORDER BY id LIMIT ?`, [this.head.mailboxId, cursor, chunkRows]);
      if (rows.length === 0) break;
      let part: ItemRow[] = [];
      let bytes = 0;
      for (const r of rows) {
        const item = toItemRow(r);
        const size = approxRowBytes(item);
        if (part.length > 0 && bytes + size > chunkBytes) {
          yield { kind: 'items', rows: part };
          part = [];
          bytes = 0;
        }
        part.push(item);
        bytes += size;
      }
      if (part.length) yield { kind: 'items', rows: part };
      cursor = Number(rows[rows.length - 1].id);
      if (rows.length < chunkRows) break;
    }
    const tombstones: TombstoneRow[] = (await this.conn.query(
      'SELECT sequence, date, type, ids FROM tombstone WHERE mailbox_id = ? ORDER BY sequence, type', [this.head.mailboxId]) as Record<string, unknown>[])
      .map((t) => ({ sequence: Number(t.sequence), date: Number(t.date), type: Number(t.type), ids: String(t.ids) }));
    for (let i = 0; i < tombstones.length; ) {
      let bytes = 0;
      const start = i;
      while (i < tombstones.length && (i === start || bytes + tombstones[i].ids.length + 60 <= chunkBytes)) bytes += tombstones[i++].ids.length + 60;
      yield { kind: 'tombstones', rows: tombstones.slice(start, i) };
    }
  }

  async close() {
    await this.conn.rollback().catch(() => undefined);
    this.conn.release();
  }
}

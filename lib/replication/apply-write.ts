import type { Conn } from '../db/pool';
import { ITEM_COLUMNS, type ItemRow } from '../mailstore/model';
import type { ChangeCoalescer } from './apply-coalesce';

const COLS = ITEM_COLUMNS.map((c) => `\`${c}\``).join(', ');
/**
 * REPLACE rather than an upsert: a final row may collide on (mailbox_id, folder_id, name) with
 * an older row that the same changes rewrite later (a rename swap, a stale snapshot row).
 * REPLACE removes the colliding row; it is always rewritten by a later change of the same set,
 * so the end state equals the source (docs/replication.md, "Why REPLACE").
 */
const REPLACE_ITEM = `REPLACE INTO mail_item (mailbox_id, ${COLS}) VALUES (?, ${ITEM_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_ITEM = `INSERT INTO mail_item (mailbox_id, ${COLS}) VALUES (?, ${ITEM_COLUMNS.map(() => '?').join(', ')})`;
const DELETE_ITEM = 'DELETE FROM mail_item WHERE mailbox_id = ? AND id = ?';
const REPLACE_TOMBSTONE = 'REPLACE INTO tombstone (mailbox_id, sequence, date, type, ids) VALUES (?, ?, ?, ?, ?)';
const CHECKPOINTS = `UPDATE mailbox SET item_id_checkpoint = ?, change_checkpoint = ?, size_checkpoint = ?, contact_count = ?,
  last_change_at = COALESCE(?, last_change_at) WHERE id = ? AND (? OR change_checkpoint <= ?)`;

export function itemParams(mailboxId: number, row: ItemRow): unknown[] {
  const out: unknown[] = [mailboxId];
  for (const c of ITEM_COLUMNS) out.push(row[c]);
  return out;
}

async function run(conn: Conn, sql: string, rows: unknown[][]) {
  if (rows.length === 0) return;
  if (rows.length === 1) await conn.query(sql, rows[0]);
  else await conn.batch(sql, rows);
}

/**
 * Writes the net changes of several replica mailboxes with one batched statement per kind:
 * deletions first, then the final rows of existing items, then new items (plain INSERT, the
 * cheap path of a consistent replica), tombstones and checkpoints.
 */
export async function writeChanges(conn: Conn, sets: ChangeCoalescer[], lastChangeAt?: Map<string, Date | null>) {
  const deletes: unknown[][] = [];
  const rows: unknown[][] = [];
  const inserts: unknown[][] = [];
  const tombstones: unknown[][] = [];
  const checkpoints: unknown[][] = [];
  for (const s of sets) {
    for (const id of s.deletedIds()) deletes.push([s.mailboxId, id]);
    const { replace, insert } = s.upsertRows();
    for (const r of replace) rows.push(itemParams(s.mailboxId, r));
    for (const r of insert) inserts.push(itemParams(s.mailboxId, r));
    for (const t of s.tombstones.values()) tombstones.push([s.mailboxId, t.sequence, t.date, t.type, t.ids]);
    if (s.checkpoints) {
      const c = s.checkpoints.values;
      checkpoints.push([c.item_id_checkpoint, c.change_checkpoint, c.size_checkpoint, c.contact_count,
        lastChangeAt?.get(s.accountId) ?? null, s.mailboxId, s.checkpoints.force ? 1 : 0, s.checkpoints.seq]);
    }
  }
  await run(conn, DELETE_ITEM, deletes);
  await run(conn, REPLACE_ITEM, rows);
  // New items last: every row they could collide with on (folder, name) has its final value by now.
  await run(conn, INSERT_ITEM, inserts);
  await run(conn, REPLACE_TOMBSTONE, tombstones);
  await run(conn, CHECKPOINTS, checkpoints);
}

/** Empties a replica mailbox before a fresh snapshot (in bounded slices, inside the caller's transaction). */
export async function wipeMailboxRows(conn: Conn, mailboxId: number) {
  for (;;) {
    const res = (await conn.query('DELETE FROM mail_item WHERE mailbox_id = ? LIMIT 20000', [mailboxId])) as { affectedRows: number };
    if (res.affectedRows < 20000) break;
  }
  await conn.query('DELETE FROM tombstone WHERE mailbox_id = ?', [mailboxId]);
}

import { createHash } from 'node:crypto';
import type { Pool } from '../db/pool';
import { ITEM_COLUMNS, type MailboxCheckpoints } from '../mailstore/model';

/** A fingerprint of an account's metadata on one mailstore, read in one consistent snapshot. */
export interface MailboxDigest {
  accountId: string;
  mailboxId: number;
  state: string;
  /** The mailbox's change sequence (change_checkpoint) the digest was taken at. */
  sequence: number;
  checkpoints: MailboxCheckpoints;
  items: number;
  tombstones: number;
  /** sha256 over the checkpoints, every mail_item row (all columns but mailbox_id) and every tombstone. */
  digest: string;
  /** [itemId, first 16 hex digits of the row's sha256] in id order, when asked for (to find the items that differ). */
  itemHashes?: [number, string][];
}

const ITEM_SELECT = ITEM_COLUMNS.map((c) => `\`${c}\``).join(', ');

/** The row's values in ITEM_COLUMNS order, normalised so both sides serialise them alike. */
export function canonicalItem(r: Record<string, unknown>): string {
  return JSON.stringify(ITEM_COLUMNS.map((c) => {
    const v = r[c];
    if (v === null || v === undefined) return null;
    if (typeof v === 'bigint') return Number(v);
    return v;
  }));
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Reads the account's mailbox in one REPEATABLE READ transaction and fingerprints it. The
 * local mailbox id is left out (each mailstore has its own); everything else must be equal.
 */
export async function computeDigest(db: Pool, accountId: string, opts: { itemHashes?: boolean } = {}): Promise<MailboxDigest | undefined> {
  const conn = await db.getConnection();
  try {
    await conn.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const [m] = await conn.query(
      'SELECT id, state, item_id_checkpoint, change_checkpoint, size_checkpoint, contact_count FROM mailbox WHERE account_id = ?', [accountId]);
    if (!m) return undefined;
    const checkpoints: MailboxCheckpoints = {
      item_id_checkpoint: Number(m.item_id_checkpoint), change_checkpoint: Number(m.change_checkpoint),
      size_checkpoint: Number(m.size_checkpoint), contact_count: Number(m.contact_count),
    };
    const total = createHash('sha256').update(JSON.stringify(checkpoints));
    const hashes: [number, string][] = [];
    let items = 0;
    let after = 0;
    for (;;) {
      const rows: Record<string, unknown>[] = await conn.query(
        `SELECT ${ITEM_SELECT} FROM mail_item WHERE mailbox_id = ? AND id > ? ORDER BY id LIMIT 5000`, [m.id, after]);
      for (const r of rows) {
        const h = sha(canonicalItem(r));
        total.update(`${r.id}:${h}\n`);
        if (opts.itemHashes) hashes.push([Number(r.id), h.slice(0, 16)]);
      }
      items += rows.length;
      if (rows.length < 5000) break;
      after = Number(rows[rows.length - 1].id);
    }
    const tombs: Record<string, unknown>[] = await conn.query(
      'SELECT sequence, date, type, ids FROM tombstone WHERE mailbox_id = ? ORDER BY sequence, type', [m.id]);
    for (const t of tombs) total.update(`t:${t.sequence}:${t.date}:${t.type}:${t.ids}\n`);
    return {
      accountId, mailboxId: Number(m.id), state: String(m.state), sequence: checkpoints.change_checkpoint, checkpoints,
      items, tombstones: tombs.length, digest: total.digest('hex'), itemHashes: opts.itemHashes ? hashes : undefined,
    };
  } finally {
    await conn.rollback().catch(() => undefined);
    conn.release();
  }
}

/** The rows of some items, for showing how they differ (all columns but mailbox_id). */
export async function readItemsForDiff(db: Pool, accountId: string, ids: number[]): Promise<Record<number, Record<string, unknown>>> {
  if (ids.length === 0) return {};
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${ITEM_SELECT} FROM mail_item WHERE mailbox_id = (SELECT id FROM mailbox WHERE account_id = ?) AND id IN (?)`, [accountId, ids.slice(0, 200)]);
  const out: Record<number, Record<string, unknown>> = {};
  for (const r of rows) out[Number(r.id)] = Object.fromEntries(ITEM_COLUMNS.map((c) => [c, typeof r[c] === 'bigint' ? Number(r[c]) : r[c]]));
  return out;
}

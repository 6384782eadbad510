import { randomUUID } from 'node:crypto';
import { inTransaction, type Pool } from '../db/pool';
import type { OutgoingRecord } from '../kafka';
import { ITEM_COLUMNS, ItemType, SystemFolder, type ItemRow } from '../mailstore/model';
import { serializeEvent } from '../replication/codec';
import { ENVELOPE_VERSION, type Envelope } from '../replication/envelope';
import { recordOf } from '../replication/relay-send';

export const INSERT_ITEM_SQL = `INSERT INTO mail_item (mailbox_id, ${ITEM_COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES (?, ${ITEM_COLUMNS.map(() => '?').join(', ')})`;

/** A delivered message as the mailbox service stores it (realistic sizes of every column). */
export function messageRow(id: number, seq: number, now: number): ItemRow {
  return {
    id, type: ItemType.message, parent_id: SystemFolder.inbox, folder_id: SystemFolder.inbox, date: now, size: 4000 + (id % 5000),
    locator: `blobs/${id % 256}/${randomUUID()}`, blob_digest: 'a'.repeat(64), unread: 1, flags: 0, tags: '',
    sender: 'sender@example.net', recipients: 'rcpt@example.com', subject: `Quarterly report ${id}`, name: null,
    metadata: '{"f":"x","cc":[]}', mod_metadata: seq, change_date: now, mod_content: seq, uuid: randomUUID(),
  };
}

export interface SyntheticLoad {
  /** The Kafka records the relay makes of these outbox rows (same bytes, key and headers). */
  records: OutgoingRecord[];
  /** The message rows the events carry with the index of their account, for the raw-insert limit. */
  items: { account: number; row: ItemRow }[];
}

/**
 * Writes `perAccount` CreateMessage changes of each account into its source mailbox exactly as
 * committed writes leave them while the publisher is stopped: the message rows, the mailbox
 * checkpoints, and one outbox row per change (sequences continue each mailbox's, accounts
 * interleaved as concurrent traffic interleaves them).
 */
export async function writeBacklog(db: Pool, accountIds: string[], perAccount: number): Promise<SyntheticLoad> {
  type Box = { index: number; accountId: string; id: number; epoch: number; seq: number; nextId: number; size: number; contacts: number };
  const boxes: Box[] = [];
  for (let i = 0; i < accountIds.length; i += 1000) {
    const found: { id: number; account_id: string; epoch: number; change_checkpoint: number; item_id_checkpoint: number; size_checkpoint: number; contact_count: number }[] = await db.query(
      "SELECT id, account_id, epoch, change_checkpoint, item_id_checkpoint, size_checkpoint, contact_count FROM mailbox WHERE account_id IN (?) AND state = 'primary'", [accountIds.slice(i, i + 1000)]);
    for (const m of found) boxes.push({ index: boxes.length, accountId: m.account_id, id: m.id, epoch: m.epoch, seq: m.change_checkpoint, nextId: m.item_id_checkpoint + 1, size: m.size_checkpoint, contacts: m.contact_count });
  }
  if (boxes.length !== accountIds.length) throw new Error(`only ${boxes.length} of ${accountIds.length} accounts have a primary mailbox on this mailstore`);
  const now = Math.floor(Date.now() / 1000);
  const out: SyntheticLoad = { records: [], items: [] };
  const CHUNK = 2000;
  let pending: { box: Box; row: ItemRow; envelope: Envelope }[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const payloads = batch.map((p) => serializeEvent(p.envelope));
    await inTransaction(db, async (conn) => {
      await conn.batch(INSERT_ITEM_SQL, batch.map((p) => [p.box.id, ...ITEM_COLUMNS.map((c) => p.row[c])]));
      await conn.batch('INSERT INTO outbox (account_id, seq, epoch, payload) VALUES (?, ?, ?, ?)', batch.map((p, k) => [p.box.accountId, p.envelope.seq, p.envelope.epoch, payloads[k]]));
      const touched = [...new Set(batch.map((p) => p.box))];
      await conn.batch('UPDATE mailbox SET item_id_checkpoint = ?, change_checkpoint = ?, size_checkpoint = ?, last_change_at = NOW(3) WHERE id = ?',
        touched.map((b) => [b.nextId - 1, b.seq, b.size, b.id]));
    });
    batch.forEach((p, k) => out.records.push(recordOf({ id: 0, accountId: p.box.accountId, seq: p.envelope.seq, epoch: p.envelope.epoch, payload: payloads[k] })));
    out.items.push(...batch.map((p) => ({ account: p.box.index, row: p.row })));
  };
  for (let k = 0; k < perAccount; k++) {
    for (const box of boxes) {
      box.seq++;
      const row = messageRow(box.nextId++, box.seq, now);
      box.size += row.size;
      const envelope: Envelope = {
        v: ENVELOPE_VERSION, accountId: box.accountId, mailboxId: box.id, epoch: box.epoch, seq: box.seq, txId: randomUUID(), op: 'CreateMessage', ts: Date.now(),
        payload: { mailbox: { item_id_checkpoint: row.id, change_checkpoint: box.seq, size_checkpoint: box.size, contact_count: box.contacts }, upserts: [row], deletes: [], tombstones: [] },
      };
      pending.push({ box, row, envelope });
      if (pending.length >= CHUNK) await flush();
    }
  }
  await flush();
  return out;
}

import { inTransaction, type Pool } from '../../db/pool';
import { ITEM_COLUMNS, ItemType } from '../model';

/** Adds `n` messages straight into a primary mailbox that has no replica yet (no events needed), in one change. */
export async function bulkMessages(db: Pool, accountId: string, n: number) {
  await inTransaction(db, async (conn) => {
    const [m] = await conn.query('SELECT id, item_id_checkpoint, change_checkpoint FROM mailbox WHERE account_id = ? FOR UPDATE', [accountId]);
    const seq = Number(m.change_checkpoint) + 1;
    const first = Number(m.item_id_checkpoint) + 1;
    const rows = Array.from({ length: n }, (_, i) => {
      const row: Record<string, unknown> = { id: first + i, type: ItemType.message, parent_id: 2, folder_id: 2, date: 1_800_000_000, size: 1000 + i, locator: null,
        blob_digest: null, unread: 1, flags: 0, tags: '', sender: 'bulk@example.com', recipients: 'bulk@example.com', subject: `bulk ${i}`, name: null,
        metadata: null, mod_metadata: seq, change_date: 1_800_000_000, mod_content: seq, uuid: null };
      return [m.id, ...ITEM_COLUMNS.map((c) => row[c])];
    });
    await conn.batch(`INSERT INTO mail_item (mailbox_id, ${ITEM_COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES (?, ${ITEM_COLUMNS.map(() => '?').join(', ')})`, rows);
    await conn.query('UPDATE mailbox SET item_id_checkpoint = ?, change_checkpoint = ? WHERE id = ?', [first + n - 1, seq, m.id]);
  });
}

import type { Conn } from '../db/pool';

/** Deletes a replica mailbox and everything in it (never a primary one). Returns the rows deleted. */
export async function deleteReplicaMailbox(conn: Conn, accountId: string): Promise<number> {
  const rows: { id: number; state: string }[] = await conn.query('SELECT id, state FROM mailbox WHERE account_id = ? FOR UPDATE', [accountId]);
  const m = rows[0];
  if (!m || m.state === 'primary') return 0;
  let deleted = 0;
  for (;;) {
    const res = (await conn.query('DELETE FROM mail_item WHERE mailbox_id = ? LIMIT 20000', [m.id])) as { affectedRows: number };
    deleted += res.affectedRows;
    if (res.affectedRows < 20000) break;
  }
  await conn.query('DELETE FROM tombstone WHERE mailbox_id = ?', [m.id]);
  await conn.query('DELETE FROM mailbox WHERE id = ?', [m.id]);
  return deleted;
}

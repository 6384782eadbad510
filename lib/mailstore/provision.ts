import { inTransaction, type Pool } from '../db/pool';
import { ConflictError } from '../errors';
import { lockMailbox, readMailbox, type MailboxRow } from './mailbox-row';
import { FIRST_USER_ITEM_ID } from './model';
import { insertItem, type Queryable } from './sql';
import { systemFolderRows } from './system-folders';

/** Change number of a new mailbox: its creation (the system folders) is change 1. */
export const PROVISION_SEQ = 1;

/**
 * Creates the primary mailbox of an account hosted here, with the product's system folders, in
 * the caller's transaction. Idempotent: an existing row is returned as it is. Provisioning is
 * not an event: a replica receives the system folders from its snapshot.
 */
export async function provisionMailboxIn(conn: Queryable, accountId: string, opts: { epoch: number; publishing: boolean }): Promise<MailboxRow> {
  const res = (await conn.query(
    `INSERT IGNORE INTO mailbox (account_id, state, epoch, publishing, item_id_checkpoint, change_checkpoint, last_change_at)
     VALUES (?, 'primary', ?, ?, ?, ?, NOW(3))`,
    [accountId, opts.epoch, opts.publishing ? 1 : 0, FIRST_USER_ITEM_ID - 1, PROVISION_SEQ],
  )) as { affectedRows: number; insertId: number };
  if (res.affectedRows === 1) {
    const now = Math.floor(Date.now() / 1000);
    for (const row of systemFolderRows(PROVISION_SEQ, now)) await insertItem(conn, Number(res.insertId), row);
  }
  return (await lockMailbox(conn, accountId))!;
}

/** The same in its own transaction. */
export async function provisionMailbox(db: Pool, accountId: string, opts: { epoch: number; publishing: boolean }): Promise<MailboxRow> {
  return inTransaction(db, (conn) => provisionMailboxIn(conn, accountId, opts));
}

/**
 * The empty `replica`-state mailbox row the agent applies a snapshot into (no system folders:
 * the snapshot brings them). Returns the local mailbox id. An existing replica row is kept; a
 * `stale` mailbox (this mailstore lost the account earlier) is wiped and becomes the replica;
 * a primary mailbox is refused. Pass a connection to run it inside the agent's transaction.
 */
export async function createReplicaMailbox(db: Queryable, accountId: string): Promise<number> {
  await db.query(
    `INSERT IGNORE INTO mailbox (account_id, state, epoch, publishing, item_id_checkpoint, change_checkpoint) VALUES (?, 'replica', 1, 0, ?, 0)`,
    [accountId, FIRST_USER_ITEM_ID - 1],
  );
  const m = (await readMailbox(db, accountId))!;
  if (m.state === 'primary') {
    throw new ConflictError(`Account ${accountId} has a primary mailbox on this mailstore (mailbox ${m.id}): it cannot also hold a replica of it here.`);
  }
  if (m.state === 'stale') {
    await db.query('DELETE FROM mail_item WHERE mailbox_id = ?', [m.id]);
    await db.query('DELETE FROM tombstone WHERE mailbox_id = ?', [m.id]);
    await db.query('DELETE FROM outbox WHERE account_id = ?', [accountId]);
    await db.query(
      `UPDATE mailbox SET state = 'replica', publishing = 0, item_id_checkpoint = ?, change_checkpoint = 0, size_checkpoint = 0, contact_count = 0, last_change_at = NULL WHERE id = ?`,
      [FIRST_USER_ITEM_ID - 1, m.id],
    );
  }
  return m.id;
}

/**
 * Turns the replica mailbox of an account just promoted to this mailstore into its primary, at
 * the account's new epoch; its checkpoints continue from the last applied event. Idempotent.
 * The mailbox service calls it on the first write after promotion if nobody did before.
 */
export async function adoptPromotedMailbox(db: Queryable, accountId: string, epoch: number): Promise<MailboxRow | undefined> {
  await db.query(`UPDATE mailbox SET state = 'primary', epoch = ? WHERE account_id = ? AND state = 'replica'`, [epoch, accountId]);
  return readMailbox(db, accountId);
}

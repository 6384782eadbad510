import { inTransaction, type Pool } from '../db/pool';
import { NotFoundError } from '../errors';
import { lockMailbox } from '../mailstore/mailbox-row';
import { provisionMailboxIn } from '../mailstore/provision';

/**
 * Turns publishing of an account's events on or off, committed in its own transaction. The
 * snapshotter calls it with `on` BEFORE it opens its consistent snapshot: every write takes the
 * mailbox row lock and reads the flag under it, so every transaction with a seq above the
 * snapshot's seq puts its event in the outbox.
 *
 * If the account has no mailbox yet and `provisionEpoch` is given, the mailbox is created here
 * (system folders, publishing on), so that the snapshot has something to read; without it a
 * missing mailbox is a NotFoundError. Returns the mailbox's change_checkpoint at that moment.
 */
export async function setPublishing(db: Pool, accountId: string, on: boolean, opts: { provisionEpoch?: number } = {}): Promise<number> {
  return inTransaction(db, async (conn) => {
    let m = await lockMailbox(conn, accountId);
    if (!m && on && opts.provisionEpoch !== undefined) m = await provisionMailboxIn(conn, accountId, { epoch: opts.provisionEpoch, publishing: true });
    if (!m) throw new NotFoundError(`Account ${accountId} has no mailbox on this mailstore: nothing to publish (pass provisionEpoch to create it).`);
    if (m.publishing !== on) await conn.query('UPDATE mailbox SET publishing = ? WHERE id = ?', [on ? 1 : 0, m.id]);
    return m.change_checkpoint;
  });
}

/** The same for many accounts at once (start-up reconciliation); missing mailboxes are skipped. */
export async function setPublishingMany(db: Pool, accountIds: string[], on: boolean): Promise<number> {
  let changed = 0;
  for (let i = 0; i < accountIds.length; i += 1000) {
    const res = (await db.query("UPDATE mailbox SET publishing = ? WHERE account_id IN (?) AND publishing <> ? AND state = 'primary'",
      [on ? 1 : 0, accountIds.slice(i, i + 1000), on ? 1 : 0])) as { affectedRows: number };
    changed += res.affectedRows;
  }
  return changed;
}

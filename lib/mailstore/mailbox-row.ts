import { BEGIN, queryAll, type Conn } from '../db/pool';
import type { MailboxCheckpoints } from './model';
import type { Queryable } from './sql';

export type MailboxState = 'primary' | 'replica' | 'stale';

/** One `mailbox` row: the account's local mailbox on this mailstore. */
export interface MailboxRow extends MailboxCheckpoints {
  id: number;
  account_id: string;
  state: MailboxState;
  epoch: number;
  publishing: boolean;
  last_change_at: Date | null;
}

const COLUMNS = 'id, account_id, state, epoch, publishing, item_id_checkpoint, change_checkpoint, size_checkpoint, contact_count, last_change_at';

function toMailboxRow(r: Record<string, unknown>): MailboxRow {
  return {
    id: Number(r.id),
    account_id: String(r.account_id),
    state: r.state as MailboxState,
    epoch: Number(r.epoch),
    publishing: Boolean(Number(r.publishing)),
    item_id_checkpoint: Number(r.item_id_checkpoint),
    change_checkpoint: Number(r.change_checkpoint),
    size_checkpoint: Number(r.size_checkpoint),
    contact_count: Number(r.contact_count),
    last_change_at: (r.last_change_at as Date | null) ?? null,
  };
}

export async function readMailbox(db: Queryable, accountId: string): Promise<MailboxRow | undefined> {
  const rows: Record<string, unknown>[] = await db.query(`SELECT ${COLUMNS} FROM mailbox WHERE account_id = ?`, [accountId]);
  return rows[0] ? toMailboxRow(rows[0]) : undefined;
}

const LOCK_MAILBOX = `SELECT ${COLUMNS} FROM mailbox WHERE account_id = ? FOR UPDATE`;

/** Reads and locks the row until the transaction ends: every write of the account queues here. */
export async function lockMailbox(conn: Queryable, accountId: string): Promise<MailboxRow | undefined> {
  const rows: Record<string, unknown>[] = await conn.query(LOCK_MAILBOX, [accountId]);
  return rows[0] ? toMailboxRow(rows[0]) : undefined;
}

/** START TRANSACTION and lockMailbox in one round trip (the connection allows multiple statements). */
export async function beginAndLockMailbox(conn: Pick<Conn, 'query'>, accountId: string): Promise<MailboxRow | undefined> {
  const [, rows] = (await queryAll(conn, [BEGIN, { sql: LOCK_MAILBOX, params: [accountId] }])) as [unknown, Record<string, unknown>[]];
  return rows[0] ? toMailboxRow(rows[0]) : undefined;
}

export function checkpointsOf(m: MailboxCheckpoints): MailboxCheckpoints {
  return {
    item_id_checkpoint: m.item_id_checkpoint,
    change_checkpoint: m.change_checkpoint,
    size_checkpoint: m.size_checkpoint,
    contact_count: m.contact_count,
  };
}

/** Read-only from now on: this mailstore lost the account (promoted elsewhere or fenced). */
export async function markStale(db: Queryable, accountIds: string[]): Promise<number> {
  if (accountIds.length === 0) return 0;
  const res = (await db.query("UPDATE mailbox SET state = 'stale', publishing = 0 WHERE account_id IN (?) AND state = 'primary'", [accountIds])) as { affectedRows: number };
  return res.affectedRows;
}

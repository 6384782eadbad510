import { randomUUID } from 'node:crypto';
import { COMMIT, queryAll, type Conn, type Pool } from '../db/pool';
import { ConflictError, FencedError } from '../errors';
import { ENVELOPE_VERSION, type MailboxEnvelope, type MailboxOp } from '../replication/envelope';
import { outboxInsertStatement } from '../replication/outbox';
import { beginAndLockMailbox, type MailboxRow } from './mailbox-row';
import { MailboxTx } from './mailbox-tx';
import { provisionMailboxIn } from './provision';

/** What the write path needs to know about the topology (lib/node/topology.ts implements it). */
export interface HostingView {
  /** `promotingTo` is set while a promotion away from here holds the account's fence. */
  hosted(accountId: string): { epoch: number; promotingTo?: string | null } | undefined;
  isProtected(accountId: string): boolean;
  replicaHere(accountId: string): unknown;
}

export interface WriteOutcome<R> {
  result: R;
  accountId: string;
  op: MailboxOp;
  mailboxId: number;
  seq: number;
  created: number[];
  changed: number[];
  /** Set when the change was put in the outbox (the account publishes). */
  event?: { txId: string; epoch: number };
}

/** The outbox row a publishing write is about to commit, as the relay will find it. */
export interface OutboxEventKey {
  accountId: string;
  epoch: number;
  seq: number;
}

/** Called before the outbox row is inserted and committed; what it returns is cancelled if that fails. */
export type BeforeCommit = (event: OutboxEventKey) => { cancel(): void } | void;

/** Refusals that must still commit what they changed (the mailbox turning stale). */
class CommitThenThrow extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

const DEADLOCK = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Runs one mailbox operation as one database transaction: lock the mailbox row, check it may be
 * written, run `fn`, finish (counters, tombstones, checkpoints, full rows), and for a publishing
 * account insert the event into the outbox. `beforeCommit` sees the event's key before the
 * outbox insert so a waiter exists before the relay can see the row. Statements that need no
 * answer in between go together (`queryAll`): BEGIN with the lock, the finishing writes with the
 * read-back, the outbox insert with COMMIT. `db` must allow multiple statements.
 */
export async function runMailboxWrite<R>(
  db: Pool,
  hosting: HostingView,
  accountId: string,
  op: MailboxOp,
  fn: (tx: MailboxTx) => Promise<R>,
  beforeCommit: BeforeCommit = () => undefined,
): Promise<WriteOutcome<R>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptWrite(db, hosting, accountId, op, fn, beforeCommit);
    } catch (err) {
      if (attempt >= 3 || !DEADLOCK.has((err as { code?: string }).code ?? '')) throw err;
    }
  }
}

async function attemptWrite<R>(db: Pool, hosting: HostingView, accountId: string, op: MailboxOp, fn: (tx: MailboxTx) => Promise<R>, beforeCommit: BeforeCommit): Promise<WriteOutcome<R>> {
  const conn = await db.getConnection();
  let pending: { cancel(): void } | void = undefined;
  try {
    try {
      const mailbox = await writableMailbox(conn, hosting, accountId);
      const tx = new MailboxTx(conn, mailbox);
      const result = await fn(tx);
      let event: WriteOutcome<R>['event'];
      if (mailbox.publishing || hosting.isProtected(accountId)) {
        const payload = await tx.finish();
        const envelope: MailboxEnvelope = {
          v: ENVELOPE_VERSION, accountId, mailboxId: mailbox.id, epoch: mailbox.epoch, seq: tx.seq, txId: randomUUID(), op, ts: Date.now(), payload,
        };
        pending = beforeCommit({ accountId, epoch: mailbox.epoch, seq: tx.seq });
        await queryAll(conn, [outboxInsertStatement(envelope), COMMIT]);
        event = { txId: envelope.txId, epoch: mailbox.epoch };
      } else {
        await tx.finishAndCommit();
      }
      const created = tx.created;
      return { result, accountId, op, mailboxId: mailbox.id, seq: tx.seq, created, changed: [...tx.changed].filter((id) => !created.includes(id)), event };
    } catch (err) {
      if (err instanceof CommitThenThrow) {
        await conn.commit();
        throw err.error;
      }
      pending?.cancel();
      await conn.rollback().catch(() => undefined);
      throw err;
    }
  } finally {
    conn.release();
  }
}

/**
 * The locked mailbox row if this mailstore may write it now. A missing mailbox is created (the
 * product creates mailboxes on first use); a replica whose promotion to here completed is
 * adopted. While a promotion away holds the account's fence, writes are refused before anything
 * is stored. If the epoch moved on and the account stayed (a promotion was released), the
 * mailbox continues at the new epoch, unless changes of the old epoch never reached Kafka: those
 * can never be replicated, so the mailbox turns stale (read-only until re-initialised).
 */
async function writableMailbox(conn: Conn, hosting: HostingView, accountId: string): Promise<MailboxRow> {
  const hosted = hosting.hosted(accountId);
  if (!hosted) throw new FencedError(`Account ${accountId} is not hosted on this mailstore; write refused.`);
  if (hosted.promotingTo) {
    throw new FencedError(`Account ${accountId} is being promoted to ${hosted.promotingTo}: writes are refused here until the promotion ends (nothing was stored).`);
  }
  let m = await beginAndLockMailbox(conn, accountId);
  if (!m) m = await provisionMailboxIn(conn, accountId, { epoch: hosted.epoch, publishing: hosting.isProtected(accountId) });
  if (m.state === 'stale') {
    throw new FencedError(`The mailbox of account ${accountId} on this mailstore is stale (the account moved away, or a write was fenced at epoch ${m.epoch}): it is read-only until re-initialised.`);
  }
  if (m.state === 'replica') {
    if (hosting.replicaHere(accountId)) {
      throw new ConflictError(`The mailbox of account ${accountId} here is still a replica: its promotion to this mailstore has not finished. Retry in a moment.`);
    }
    await conn.query("UPDATE mailbox SET state = 'primary', epoch = ? WHERE id = ?", [hosted.epoch, m.id]);
    m = { ...m, state: 'primary', epoch: hosted.epoch };
  }
  if (m.epoch < hosted.epoch) {
    const [{ n }] = await conn.query('SELECT COUNT(*) AS n FROM outbox WHERE account_id = ? AND epoch < ?', [accountId, hosted.epoch]);
    if (Number(n) > 0) {
      await conn.query("UPDATE mailbox SET state = 'stale', publishing = 0 WHERE id = ?", [m.id]);
      throw new CommitThenThrow(new FencedError(`Account ${accountId} was fenced at epoch ${hosted.epoch} while ${n} change(s) of epoch ${m.epoch} had not reached Kafka: they can never be replicated, so this mailbox is now stale. Write not stored.`));
    }
    await conn.query('UPDATE mailbox SET epoch = ? WHERE id = ?', [hosted.epoch, m.id]);
    m = { ...m, epoch: hosted.epoch };
  }
  return m;
}

import type { Pool } from '../db/pool';
import { FencedError, NotFoundError } from '../errors';
import type { Logger } from '../log/logger';
import type { MailboxOp } from '../replication/envelope';
import type { PublishWaiter } from '../replication/relay-waiters';
import { faultPoint } from './fault';
import type { MailboxTx } from './mailbox-tx';
import { provisionMailbox } from './provision';
import { runMailboxWrite, type HostingView, type OutboxEventKey } from './write';

/** What a write answers: the change it made and, for a protected account, where Kafka put it. */
export interface WriteResult {
  accountId: string;
  mailboxId: number;
  op: MailboxOp;
  /** The mailbox's change_checkpoint after this write. */
  seq: number;
  /** Items created, then items changed or deleted. */
  itemIds: number[];
  created: number[];
  /** True when the change was published and acknowledged by Kafka before this answer. */
  replicated: boolean;
  partition?: number;
  offset?: number;
}

export interface RelayPort {
  expect(event: OutboxEventKey): PublishWaiter;
  wake(): void;
}

export interface MailboxServiceDeps {
  db: Pool;
  haDb: Pool;
  host: string;
  topology: HostingView & { refresh?(accountIds: string[]): Promise<void> };
  relay: RelayPort;
  log: Logger;
}

/**
 * The mailbox service: runs each operation as one transaction on an account this mailstore
 * hosts and, for a protected account, answers only after Kafka acknowledged the event and the
 * fence check confirmed the account is still ours.
 */
export class MailboxService {
  constructor(readonly deps: MailboxServiceDeps) {}

  async write(accountId: string, op: MailboxOp, fn: (tx: MailboxTx) => Promise<unknown>): Promise<WriteResult> {
    await this.assertHosted(accountId);
    const { db, topology, relay } = this.deps;
    let waiter: PublishWaiter | undefined;
    const outcome = await runMailboxWrite(db, topology, accountId, op, fn, (event) => (waiter = relay.expect(event)));
    const result: WriteResult = {
      accountId, mailboxId: outcome.mailboxId, op, seq: outcome.seq,
      itemIds: [...outcome.created, ...outcome.changed], created: outcome.created, replicated: false,
    };
    if (!outcome.event || !waiter) return result;
    faultPoint('exit-after-commit');
    relay.wake();
    const ack = await waiter.promise;
    return { ...result, replicated: true, partition: ack.partition, offset: ack.offset };
  }

  /** Creates the account's mailbox (system folders) if it has none; idempotent. */
  async provision(accountId: string) {
    const hosted = await this.assertHosted(accountId);
    const { db, topology } = this.deps;
    return provisionMailbox(db, accountId, { epoch: hosted.epoch, publishing: topology.isProtected(accountId) });
  }

  /** Refuses accounts this mailstore does not host, saying where they are when it can. */
  async assertHosted(accountId: string): Promise<{ epoch: number }> {
    const hosted = this.deps.topology.hosted(accountId);
    if (hosted) return hosted;
    const rows: { mailHost: string }[] = await this.deps.haDb.query('SELECT mailHost FROM account WHERE id = ?', [accountId]);
    if (rows.length === 0) throw new NotFoundError(`No account with id ${accountId}`, [{ field: 'accountId', message: 'unknown account' }]);
    if (rows[0].mailHost === this.deps.host) {
      // Assigned here since the topology's last poll: read it now rather than refuse.
      await this.deps.topology.refresh?.([accountId]);
      const now = this.deps.topology.hosted(accountId);
      if (now) return now;
      throw new FencedError(`Account ${accountId} was just assigned to ${this.deps.host}; this mailstore has not loaded it yet. Retry in a moment.`);
    }
    throw new FencedError(`Account ${accountId} is hosted on ${rows[0].mailHost}, not on ${this.deps.host}: send the request there.`);
  }
}

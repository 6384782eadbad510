import type { Pool } from '../db/pool';
import type { Logger } from '../log/logger';
import type { OutboxRow } from './outbox';
import { markPublished } from './relay-send';
import type { PublishAck } from './relay-waiters';

/**
 * Deletes published outbox rows (and advances relay_position) behind the relay, in order, so
 * the next batch is sent while the previous one is being deleted. After a failed delete no
 * later delete runs (relay_position must not move past rows still in the outbox) until the
 * relay has recovered: `onFailure` asks for that recovery.
 */
export class PublishedRowsCleanup {
  /** Rows published whose delete is queued: the relay leaves them out of its next reads. */
  readonly pendingIds = new Set<number>();
  private chain: Promise<void> = Promise.resolve();
  private broken = false;

  constructor(private readonly db: Pool, private readonly log: Logger, private readonly onFailure: () => void) {}

  get failed() {
    return this.broken;
  }

  queue(rows: OutboxRow[], acks: PublishAck[]) {
    for (const r of rows) this.pendingIds.add(r.id);
    this.chain = this.chain.then(async () => {
      try {
        if (!this.broken) await markPublished(this.db, rows, acks);
      } catch (err) {
        this.broken = true;
        this.onFailure();
        this.log.warn({ err: (err as Error).message, rows: rows.length }, 'deleting published outbox rows failed; the relay checks the topic before sending again');
      } finally {
        for (const r of rows) this.pendingIds.delete(r.id);
      }
    });
  }

  /** Waits until every queued delete ran. */
  drain(): Promise<void> {
    return this.chain;
  }

  /** After recovery: deletes may run again. */
  reset() {
    this.broken = false;
  }
}

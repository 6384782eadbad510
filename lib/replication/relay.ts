import type { Pool } from '../db/pool';
import { FencedError, UnavailableError } from '../errors';
import { EVENTS_TOPIC, EventProducer, partitionOf } from '../kafka';
import type { Logger } from '../log/logger';
import { faultPoint } from '../mailstore/fault';
import { markStale } from '../mailstore/mailbox-row';
import type { OutboxEventKey } from '../mailstore/write';
import type { NodeComponent } from '../node/component';
import type { KafkaHandles } from '../node/kafka-link';
import { confirmOwnership } from './relay-fence';
import { deleteOutboxRows, readOutbox, type OutboxRow } from './outbox';
import { PublishedRowsCleanup } from './relay-cleanup';
import { publishRows } from './relay-send';
import { dropAlreadyPublished } from './recovery';
import { advancePositions, ensurePositions, readPositions } from './relay-positions';
import { failedWaiter, RelayWaiters, waiterKey, type PublishAck, type PublishWaiter } from './relay-waiters';

export interface RelayDeps {
  db: Pool;
  haDb: Pool;
  host: string;
  log: Logger;
  kafka: { handles(): KafkaHandles | undefined; on(event: 'change', fn: () => void): unknown; off(event: 'change', fn: () => void): unknown };
  topology: { hosted(accountId: string): { epoch: number } | undefined };
  publishTimeoutMs: number;
  batchSize?: number;
  idlePollMs?: number;
  /** How often an idle relay moves relay_position to the partitions' ends (default 30 s). */
  positionRefreshMs?: number;
}

export interface RelayStats {
  published: number;
  fenced: number;
  discarded: number;
  alreadyPublished: number;
  batches: number;
  failures: number;
  lastError: string | null;
}

/**
 * The publisher relay: sends outbox rows to Kafka in order (key = accountId), confirms after
 * the ack that this mailstore still owns each account at the event's epoch, answers the waiting
 * writers, then deletes the rows and advances relay_position. Writers wake it right after
 * their commit; rows committed while a batch is in flight go together in the next batch.
 */
export class OutboxRelay implements NodeComponent {
  readonly name = 'publisher-relay';
  readonly haModule = true;
  readonly stats: RelayStats = { published: 0, fenced: 0, discarded: 0, alreadyPublished: 0, batches: 0, failures: 0, lastError: null };
  private readonly waiters = new RelayWaiters();
  private readonly positionsKnown = new Set<number>();
  /** Accounts refused by the fence check: their rows up to this epoch are never published. */
  private readonly fencedAt = new Map<string, number>();
  private running = false;
  private loop?: Promise<void>;
  private producer?: { handles: KafkaHandles; producer: EventProducer };
  private recoveryNeeded = true;
  private failures = 0;
  private positionsRefreshedAt = 0;
  private wakeRequested = false;
  private sleeper?: { resolve(): void; byWriters: boolean };
  private readonly onKafkaChange = () => this.kick();
  private readonly cleanup: PublishedRowsCleanup;

  constructor(private readonly deps: RelayDeps) {
    this.cleanup = new PublishedRowsCleanup(deps.db, deps.log, () => (this.recoveryNeeded = true));
  }

  get isRunning() {
    return this.running;
  }

  /** Registers a writer waiting for its outbox row (call before the row is inserted). */
  expect(event: OutboxEventKey): PublishWaiter {
    const { host, publishTimeoutMs } = this.deps;
    if (!this.running) {
      return failedWaiter(new UnavailableError(`Change ${event.seq} of account ${event.accountId} is stored on ${host} but not replicated: the HA module (publisher) is stopped. It is not acknowledged; it will be published when the module starts.`));
    }
    const key = waiterKey(event);
    return this.waiters.expect(key, publishTimeoutMs, () => (this.awaitingFenceCheck(key)
      ? new UnavailableError(
        `Change ${event.seq} of account ${event.accountId} is stored on ${host} and in Kafka, but not acknowledged: the HA database did not answer the check that ${host} still owns the account within ${publishTimeoutMs} ms. Its replicas apply the change; check that the HA database is reachable from ${host}.`,
      )
      : new UnavailableError(
        `Change ${event.seq} of account ${event.accountId} is stored on ${host} but not replicated: Kafka did not acknowledge it within ${publishTimeoutMs} ms (${this.failures > 0 ? this.stats.lastError : 'no answer yet'}). It is not acknowledged; it stays in the outbox and is published in order when Kafka is reachable.`,
      )));
  }

  /** A writer committed an event: publish soon (ignored while backing off after a failure). */
  wake() {
    this.wakeRequested = true;
    if (this.sleeper?.byWriters) this.sleeper.resolve();
  }

  /** Something changed (brokers, start): try now even while backing off. */
  private kick() {
    this.failures = 0;
    this.wakeRequested = true;
    this.sleeper?.resolve();
  }

  async start() {
    if (this.running) return;
    this.running = true;
    this.recoveryNeeded = true;
    this.failures = 0;
    this.wakeRequested = true;
    this.deps.kafka.on('change', this.onKafkaChange);
    this.loop = this.run();
  }

  async stop() {
    if (!this.running) return;
    this.running = false;
    this.deps.kafka.off('change', this.onKafkaChange);
    this.sleeper?.resolve();
    await this.loop;
    await this.confirming;
    await this.cleanup.drain();
    this.waiters.rejectAll(() => new UnavailableError(`The publisher of ${this.deps.host} stopped before Kafka acknowledged this change: it is stored but not acknowledged, and is published when the HA module runs again.`));
    await this.dropProducer();
  }

  private async run() {
    while (this.running) {
      if (!this.wakeRequested) await this.sleep();
      if (!this.running) break;
      this.wakeRequested = false;
      try {
        if (await this.pass()) this.wakeRequested = true;
        this.failures = 0;
      } catch (err) {
        this.failures++;
        this.stats.failures++;
        this.stats.lastError = (err as Error).message;
        this.deps.log[this.failures === 1 ? 'warn' : 'debug']({ err: (err as Error).message, failures: this.failures }, 'publisher relay pass failed; retrying with backoff');
      }
    }
  }

  private sleep(): Promise<void> {
    const backingOff = this.failures > 0;
    const ms = backingOff ? Math.min(5000, 200 * 2 ** (this.failures - 1)) * (0.5 + Math.random() / 2) : this.deps.idlePollMs ?? 2000;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeper = { resolve: done, byWriters: !backingOff };
    });
  }

  /** Rows read ahead while the previous batch was being sent (dropped on any failure). */
  private readAhead?: Promise<OutboxRow[] | undefined>;
  /** The confirmation of the last acknowledged batch (fence check, writers answered, rows queued for deletion). */
  private confirming: Promise<void> = Promise.resolve();
  /** Rows sent whose confirmation has not queued them for deletion yet: never read again meanwhile. */
  private readonly unconfirmed = new Set<number>();
  /** Batches Kafka acknowledged whose ownership check (HA database) has not answered yet: a writer timing out now hears why. */
  private readonly batchesAwaitingFenceCheck = new Set<readonly OutboxRow[]>();

  /** Looked up only when a writer times out, so the publish path adds one entry per batch, not per row. */
  private awaitingFenceCheck(key: string): boolean {
    for (const batch of this.batchesAwaitingFenceCheck) if (batch.some((r) => waiterKey(r) === key)) return true;
    return false;
  }
  private confirmFailed = false;

  private excluded(): ReadonlySet<number> {
    if (this.unconfirmed.size === 0) return this.cleanup.pendingIds;
    return new Set([...this.cleanup.pendingIds, ...this.unconfirmed]);
  }

  /**
   * One batch; true when there may be more rows. While Kafka acknowledges a batch the next one
   * is read, and its confirmation runs while the next one is sent: the sends follow each other
   * in order, one at a time, with the database work in between done alongside.
   */
  private async pass(): Promise<boolean> {
    const { db, log } = this.deps;
    const h = this.deps.kafka.handles();
    if (!h) throw new UnavailableError('No Kafka brokers are configured (carbonio config set global brokers "host:9092,...")');
    const producer = await this.producerFor(h);
    const batchSize = this.deps.batchSize ?? 500;
    if (this.recoveryNeeded) {
      this.readAhead = undefined;
      await this.confirming;
      await this.cleanup.drain();
      // Reading a partition joins a throw-away consumer group: give a slow cluster more time on each retry.
      const r = await dropAlreadyPublished(db, h.kafka, h.admin, h.partitions, log, 30_000 * Math.min(4, 1 + this.failures));
      this.stats.alreadyPublished += r.alreadyPublished;
      this.cleanup.reset();
      this.unconfirmed.clear();
      this.confirmFailed = false;
      this.recoveryNeeded = false;
    }
    if (this.cleanup.pendingIds.size > 2 * batchSize) await this.cleanup.drain();
    const ahead = await this.readAhead;
    this.readAhead = undefined;
    // A full read-ahead means a backlog; otherwise rows committed during the last send may be
    // missing from it, so read again rather than make them wait for one more batch.
    const rows = ahead?.length === batchSize ? ahead : await readOutbox(db, batchSize, this.excluded());
    if (rows.length === 0) {
      await this.confirming;
      if (this.cleanup.pendingIds.size === 0 && !this.recoveryNeeded) await this.refreshPositionsWhenIdle(h);
      return false;
    }
    const { send, discard } = this.split(rows);
    if (discard.length) await this.discard(discard);
    if (send.length === 0) return true;
    await ensurePositions(db, h.admin, [...new Set(send.map((r) => partitionOf(r.accountId, h.partitions)))], this.positionsKnown);
    this.recoveryNeeded = true; // until Kafka answers, a failure leaves the rows' fate uncertain
    for (const r of send) this.unconfirmed.add(r.id);
    const sending = publishRows(producer, send);
    const next = readOutbox(db, batchSize, this.excluded()).catch(() => undefined);
    const acks = await sending.catch(async (err) => {
      await this.dropProducer();
      throw err;
    });
    faultPoint('exit-after-publish');
    this.batchesAwaitingFenceCheck.add(send);
    this.readAhead = next;
    this.recoveryNeeded = this.cleanup.failed || this.confirmFailed;
    this.confirming = this.confirming.then(() => this.confirm(send, acks));
    this.stats.published += send.length;
    this.stats.batches++;
    return true;
  }

  /**
   * After Kafka's ack: the fence check, then the writers' answers, then the rows' deletion. If
   * this fails the rows stay excluded and the relay recovers (checks the topic) before reading again.
   */
  private async confirm(send: OutboxRow[], acks: PublishAck[]) {
    try {
      await this.confirmBatch(send, acks);
    } finally {
      this.batchesAwaitingFenceCheck.delete(send);
    }
  }

  private async confirmBatch(send: OutboxRow[], acks: PublishAck[]) {
    const { db, log } = this.deps;
    // After a failed confirmation no later batch is deleted either: relay_position must not move
    // past rows still in the outbox; the recovery finds them all in the topic.
    if (this.confirmFailed) return;
    try {
      const verdicts = await confirmOwnership(this.deps.haDb, this.deps.host, send);
      const fenced = [...new Set(send.filter((r) => verdicts.get(r.id) instanceof FencedError).map((r) => r.accountId))];
      if (fenced.length) {
        // Stale before the writers hear about it: a retry must find the mailbox read-only.
        for (const r of send) if (fenced.includes(r.accountId)) this.fencedAt.set(r.accountId, Math.max(r.epoch, this.fencedAt.get(r.accountId) ?? 0));
        await markStale(db, fenced);
        this.stats.fenced += send.filter((r) => fenced.includes(r.accountId)).length;
        log.warn({ accounts: fenced }, 'writes published but refused by the fence check: the accounts moved or were fenced; mailboxes now stale');
      }
      send.forEach((row, i) => this.waiters.settle(waiterKey(row), verdicts.get(row.id) ?? acks[i]));
      this.cleanup.queue(send, acks);
      for (const r of send) this.unconfirmed.delete(r.id);
    } catch (err) {
      this.confirmFailed = true;
      this.recoveryNeeded = true;
      this.readAhead = undefined;
      this.stats.failures++;
      this.stats.lastError = (err as Error).message;
      log.warn({ err: (err as Error).message, rows: send.length }, 'confirming a published batch failed; the relay checks the topic before sending again');
    }
  }

  /**
   * With the outbox empty and no send in flight (this loop is the only sender), everything this
   * node published is below each partition's end: moving relay_position there keeps a later
   * recovery scan short even for partitions it has not written to for a long time.
   */
  private async refreshPositionsWhenIdle(h: KafkaHandles) {
    if (Date.now() - this.positionsRefreshedAt < (this.deps.positionRefreshMs ?? 30_000)) return;
    this.positionsRefreshedAt = Date.now();
    const hwm = await h.admin.highWatermarks(EVENTS_TOPIC);
    const known = await readPositions(this.deps.db);
    await advancePositions(this.deps.db, new Map([...known.keys()].filter((p) => hwm.has(p)).map((p) => [p, hwm.get(p)! - 1])));
  }

  /** Rows of accounts this mailstore no longer owns at the row's epoch are never published. */
  private split(rows: OutboxRow[]) {
    const send: OutboxRow[] = [];
    const discard: OutboxRow[] = [];
    for (const r of rows) {
      const hosted = this.deps.topology.hosted(r.accountId);
      const gone = !hosted || hosted.epoch > r.epoch || (this.fencedAt.get(r.accountId) ?? 0) >= r.epoch;
      (gone ? discard : send).push(r);
    }
    return { send, discard };
  }

  private async discard(rows: OutboxRow[]) {
    const { db, log, host } = this.deps;
    await deleteOutboxRows(db, rows.map((r) => r.id));
    const accounts = [...new Set(rows.map((r) => r.accountId))];
    await markStale(db, accounts);
    this.stats.discarded += rows.length;
    log.warn({ accounts, events: rows.map((r) => `${r.accountId}#${r.seq}@${r.epoch}`).slice(0, 50), count: rows.length },
      'outbox rows of accounts no longer hosted here at their epoch were dropped unpublished (never acknowledged)');
    for (const r of rows) {
      this.waiters.settle(waiterKey(r), new FencedError(`Account ${r.accountId} is no longer hosted on ${host} at epoch ${r.epoch}: change ${r.seq} is stored here but was not published and is not acknowledged.`));
    }
  }

  private async producerFor(h: KafkaHandles): Promise<EventProducer> {
    if (this.producer?.handles !== h) {
      await this.dropProducer();
      this.producer = { handles: h, producer: new EventProducer(h.kafka, () => h.partitions, this.deps.publishTimeoutMs) };
    }
    try {
      await this.producer.producer.connect();
    } catch (err) {
      await this.dropProducer();
      throw err;
    }
    return this.producer.producer;
  }

  private async dropProducer() {
    const p = this.producer;
    this.producer = undefined;
    await p?.producer.disconnect();
  }

  pendingWaiters() {
    return this.waiters.size;
  }
}

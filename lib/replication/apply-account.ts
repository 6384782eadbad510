import type { Conn } from '../db/pool';
import { ChangeCoalescer } from './apply-coalesce';
import { wipeMailboxRows, writeChanges } from './apply-write';
import { isConsistent, type ReplicaPosition } from './apply-position';
import { decodeForApply } from './apply-decode';
import { type Envelope, isMailboxEvent, type MailboxEnvelope } from './envelope';
import { dropHeldUpTo, holdEvents, type PendingEvent, readHeld } from './pending';

/** Marks a position's last_error as "needs a new snapshot" (rather than a poison event). */
export const REINIT_PREFIX = 'needs a new snapshot: ';

/** One record of the stream for an account this agent replicates, decoded or not. */
export interface IncomingEvent {
  accountId: string;
  /**
   * The record's value, as received (bytes from Kafka: they are not copied into the heap while
   * the batch is applied) or as text; held events and the DLQ keep it unchanged (`rawText`).
   */
  raw: string | Buffer;
  envelope?: Envelope;
  /** Why the record could not be decoded (it then goes to the DLQ). */
  poison?: string;
  partition: number;
  offset: number;
  /** When the producer sent the record (its Kafka timestamp), for the latency stages. */
  sentAt?: number;
}

export function rawText(ev: IncomingEvent): string {
  return typeof ev.raw === 'string' ? ev.raw : ev.raw.toString('utf8');
}

export interface AccountOutcome {
  accountId: string;
  applied: number;
  held: number;
  skipped: number;
  /** Events to send to the DLQ, with the reason. */
  poison: { event: IncomingEvent; reason: string }[];
  /** Set when the replica must be initialised again (a gap in the sequence, an unknown snapshot). */
  reinit?: string;
  /** Set when the replica was turned failed by a poison event. */
  failed?: string;
  /** The snapshot ended in this batch (the replica may now be consistent). */
  snapshotEnded: boolean;
  /** After this batch the replica holds a consistent copy (snapshot applied and replayed). */
  consistent: boolean;
}

/**
 * Applies one account's events, in order, to its replica mailbox by the rules of DESIGN.md §4
 * and the snapshot merge of docs/replication.md. Live changes of an active replica only
 * accumulate in memory (the batch writes every account's changes together); snapshot steps
 * and replays touch the database at once, inside the caller's transaction.
 */
export class AccountApplier {
  private acc: ChangeCoalescer;
  private held: PendingEvent[] = [];
  private readonly lastChangeAt = new Map<string, Date | null>();
  readonly outcome: AccountOutcome;

  constructor(private readonly conn: Conn, private readonly host: string, readonly position: ReplicaPosition) {
    // A consistent replica holds exactly the source's items up to its item_id_checkpoint: newer ids are plain inserts.
    this.acc = new ChangeCoalescer(position.accountId, position.mailboxId, isConsistent(position) && !position.paused ? position.itemCheckpoint ?? null : null);
    this.outcome = { accountId: position.accountId, applied: 0, held: 0, skipped: 0, poison: [], snapshotEnded: false, consistent: false };
  }

  /** What is left for the batch to write in bulk. */
  pendingWrites(): { changes: ChangeCoalescer; held: PendingEvent[]; lastChangeAt: Date | null } {
    return { changes: this.acc, held: this.held, lastChangeAt: this.lastChangeAt.get(this.position.accountId) ?? null };
  }

  /**
   * Applies one event. Only the snapshot's first and last steps touch the database and return a
   * promise; a live change is applied in memory and returns nothing, so a batch of thousands does
   * not wait a turn of the event loop per event.
   */
  handle(ev: IncomingEvent): Promise<void> | undefined {
    const p = this.position;
    if (p.phase === 'failed') return void this.outcome.skipped++;
    if (ev.poison || !ev.envelope) {
      this.fail(ev, ev.poison ?? 'undecodable record');
      return undefined;
    }
    const e = ev.envelope;
    if (e.op === 'Fence') {
      p.epoch = Math.max(p.epoch, e.payload.newEpoch, e.epoch);
      return;
    }
    if (isMailboxEvent(e)) {
      this.live(ev, e);
      return undefined;
    }
    if (e.payload.target !== this.host) return void this.outcome.skipped++;
    if (e.op === 'SnapshotBegin') return this.snapshotBegin(e);
    if (e.op === 'SnapshotChunk') {
      if (p.phase !== 'snapshotting' || p.snapshotId !== e.payload.snapshotId) return void this.outcome.skipped++;
      this.acc.upsert(e.payload.items);
      this.acc.addTombstones(e.payload.tombstones);
      p.snapshotItems += e.payload.items.length;
      return;
    }
    if (e.op === 'SnapshotEnd') return this.snapshotEnd(e);
    return undefined;
  }

  private live(ev: IncomingEvent, e: MailboxEnvelope) {
    const p = this.position;
    if (e.epoch < p.epoch || e.seq <= p.appliedSeq) return void this.outcome.skipped++;
    p.epoch = e.epoch;
    if (p.phase !== 'active' || p.paused) {
      this.held.push({ accountId: p.accountId, seq: e.seq, payload: rawText(ev) });
      this.outcome.held++;
      return;
    }
    if (e.seq !== p.appliedSeq + 1) return this.reinit(`missed events ${p.appliedSeq + 1}..${e.seq - 1} of the account (received ${e.seq} after ${p.appliedSeq})`);
    this.applyChange(e);
  }

  private applyChange(e: MailboxEnvelope) {
    const p = this.position;
    this.acc.delete(e.payload.deletes);
    this.acc.upsert(e.payload.upserts);
    this.acc.addTombstones(e.payload.tombstones);
    this.acc.setCheckpoints(e.seq, e.payload.mailbox);
    this.acc.events++;
    p.appliedSeq = e.seq;
    p.lastEventTs = new Date(e.ts);
    this.lastChangeAt.set(p.accountId, p.lastEventTs);
    this.outcome.applied++;
  }

  private async snapshotBegin(e: Extract<Envelope, { op: 'SnapshotBegin' }>) {
    const p = this.position;
    const { snapshotId, resumed, mailbox } = e.payload;
    if (p.snapshotId === snapshotId && p.phase === 'snapshotting') {
      // Another pass of the snapshot we are receiving (the source restarted): rows continue.
      this.acc.setCheckpoints(e.seq, mailbox);
      return;
    }
    if (p.snapshotId === snapshotId) return void this.outcome.skipped++; // already complete (redelivery)
    if (resumed) return this.reinit(`snapshot ${snapshotId} resumed at item ${e.payload.afterItemId} but this replica never received its start`);
    await this.flush();
    await wipeMailboxRows(this.conn, p.mailboxId);
    await dropHeldUpTo(this.conn, p.accountId, e.seq);
    this.acc = new ChangeCoalescer(p.accountId, p.mailboxId);
    this.acc.setCheckpoints(e.seq, mailbox, true);
    Object.assign(p, { phase: 'snapshotting', snapshotId, snapshotSeq: e.seq, snapshotItems: 0, consistentSeq: null, appliedSeq: e.seq, lastError: null });
  }

  private async snapshotEnd(e: Extract<Envelope, { op: 'SnapshotEnd' }>) {
    const p = this.position;
    if (p.phase !== 'snapshotting' || p.snapshotId !== e.payload.snapshotId) return void this.outcome.skipped++;
    await this.flush();
    p.phase = 'active';
    p.consistentSeq = Math.max(e.seq, p.snapshotSeq ?? 0);
    this.outcome.snapshotEnded = true;
    if (!p.paused) await this.replayHeld();
  }

  /** Replays held events above the applied sequence, in order (after a snapshot or a pause). */
  async replayHeld() {
    const p = this.position;
    await this.flush();
    let last = p.appliedSeq;
    for await (const page of readHeld(this.conn, p.accountId, p.appliedSeq)) {
      for (const h of page) {
        let e: Envelope;
        try {
          e = decodeForApply(h.payload);
        } catch (err) {
          return this.fail({ accountId: p.accountId, raw: h.payload, partition: -1, offset: -1 }, `held event ${h.seq}: ${(err as Error).message}`);
        }
        if (!isMailboxEvent(e) || e.epoch < p.epoch) continue;
        if (e.seq !== p.appliedSeq + 1) {
          await this.flush();
          await dropHeldUpTo(this.conn, p.accountId, last);
          return this.reinit(`missed events ${p.appliedSeq + 1}..${e.seq - 1} while the replica was held back`);
        }
        p.epoch = e.epoch;
        this.applyChange(e);
        last = h.seq;
      }
      await this.flush();
    }
    await dropHeldUpTo(this.conn, p.accountId, last);
  }

  /** Writes what accumulated so far (before a step that reads or rewrites the database). */
  async flush() {
    if (this.held.length) await holdEvents(this.conn, this.held);
    this.held = [];
    if (!this.acc.empty) await writeChanges(this.conn, [this.acc], this.lastChangeAt);
    this.acc = new ChangeCoalescer(this.position.accountId, this.position.mailboxId);
  }

  private fail(ev: IncomingEvent, reason: string) {
    const p = this.position;
    p.phase = 'failed';
    p.lastError = `event at ${ev.partition >= 0 ? `partition ${ev.partition} offset ${ev.offset}` : 'replay'} rejected: ${reason}`;
    this.outcome.failed = p.lastError;
    if (ev.partition >= 0) this.outcome.poison.push({ event: ev, reason });
  }

  private reinit(reason: string) {
    const p = this.position;
    p.phase = 'failed';
    p.lastError = `${REINIT_PREFIX}${reason}`;
    this.outcome.reinit = reason;
  }
}

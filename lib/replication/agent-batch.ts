import { inTransaction, type Pool } from '../db/pool';
import { type BatchHandlerContext, type IncomingBatch } from '../kafka';
import type { Logger } from '../log/logger';
import type { Topology } from '../node/topology';
import { rawText, type AccountOutcome, type IncomingEvent } from './apply-account';
import { applyBatch, groupByAccount } from './apply-batch';
import { lockPositions, writePositions } from './apply-position';
import { isTransientApplyError } from './agent-errors';
import { agentFault } from './agent-fault';
import { markReplicaFailed, markReplicasActive, requestReinit } from './agent-ha-state';
import { sleep } from '../util/sleep';
import { backoffMs, Mutex } from './agent-mutex';
import { decodeForApply } from './apply-decode';
import type { DeadLetterQueue } from './dlq';
import { LatencyHistogram } from './latency-histogram';
import { RecentSamples } from './recent-samples';

export interface AgentStats {
  batches: number;
  records: number;
  applied: number;
  held: number;
  poison: number;
  /** Replication latency of applied events (commit here minus the source's commit), last 4096 samples, ms. */
  latencies: RecentSamples;
  /** The same latencies since start, in a bounded cumulative histogram (GET /api/agent/stats). */
  latency: LatencyHistogram;
  /**
   * The latency split in stages: source commit to the producer's send (the record's timestamp),
   * send to the start of its batch here, batch start to the database commit.
   */
  stages: { published: LatencyHistogram; delivered: LatencyHistogram; applied: LatencyHistogram };
  lastBatchAt: number | null;
}

/**
 * Turns one Kafka batch into database effects: keeps only accounts replicated here (by the
 * header, before decoding), applies them in one transaction, isolates a poison event to its
 * account (DLQ + failed replica) and reports the replicas' transitions to the HA database.
 */
export class AgentBatchHandler {
  readonly stats: AgentStats = { batches: 0, records: 0, applied: 0, held: 0, poison: 0, latencies: new RecentSamples(4096), latency: new LatencyHistogram(),
    stages: { published: new LatencyHistogram(), delivered: new LatencyHistogram(), applied: new LatencyHistogram() }, lastBatchAt: null,
  };

  /**
   * Transactions run one at a time: groups are decoded side by side, but two transactions
   * writing neighbouring mailboxes deadlock on InnoDB's gap locks (REPLACE INTO mail_item), and
   * each deadlock cost a backoff and a redo (7 in one 50,000-event apply run of the benchmark).
   */
  private readonly transactions = new Mutex();

  constructor(
    private readonly db: Pool,
    private readonly haDb: Pool,
    private readonly host: string,
    private readonly topology: Topology,
    private readonly dlq: () => DeadLetterQueue | undefined,
    private readonly log: Logger,
  ) {}

  /** The records of these batches that concern replicas held here, decoded (or marked poison). */
  select(batches: IncomingBatch[]): IncomingEvent[] {
    const out: IncomingEvent[] = [];
    for (const batch of batches) {
      for (const rec of batch.records) {
        const accountId = rec.account;
        if (!accountId) continue;
        const replica = this.topology.replicaHere(accountId);
        if (!replica || replica.state === 'removing') continue;
        const ev: IncomingEvent = { accountId, raw: rec.value ?? '', partition: batch.partition, offset: rec.offset, sentAt: rec.timestamp };
        try {
          ev.envelope = decodeForApply(rawText(ev));
          if (ev.envelope.accountId !== accountId) ev.poison = `the envelope's accountId ${ev.envelope.accountId} differs from the record's account ${accountId}`;
        } catch (err) {
          ev.poison = (err as Error).message;
        }
        out.push(ev);
      }
    }
    return out;
  }

  /** Applies a group of batches (several partitions, each in order) in one transaction. */
  async handle(batches: IncomingBatch[], hctx: BatchHandlerContext) {
    const startedAt = Date.now();
    this.stats.batches += batches.length;
    for (const b of batches) this.stats.records += b.records.length;
    const events = this.select(batches);
    if (events.length === 0) return;
    const outcomes = await this.applyWithRetry(events, hctx);
    const committedAt = Date.now();
    for (const e of events) {
      if (e.envelope && e.envelope.op !== 'SnapshotChunk') this.recordLatency(committedAt - e.envelope.ts, e.envelope.ts, e.sentAt, startedAt);
    }
    this.stats.lastBatchAt = committedAt;
    await this.afterCommit(outcomes, hctx);
  }

  private recordLatency(ms: number, committedAtSource: number, sentAt: number | undefined, startedAt: number) {
    this.stats.latencies.record(ms);
    this.stats.latency.record(ms);
    const { stages } = this.stats;
    if (sentAt !== undefined) {
      stages.published.record(sentAt - committedAtSource);
      stages.delivered.record(startedAt - sentAt);
    }
    stages.applied.record(ms - (startedAt - committedAtSource));
  }

  /** One transaction for the batch; transient failures are retried, refused data is isolated. */
  private async applyWithRetry(events: IncomingEvent[], hctx: BatchHandlerContext): Promise<AccountOutcome[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.applyOnce(events);
      } catch (err) {
        if (!isTransientApplyError(err)) {
          this.log.warn({ err: String(err) }, 'a batch was refused by the database; isolating the event at fault');
          return this.applyIsolated(events);
        }
        if (!hctx.isRunning()) throw err;
        this.log.warn({ err: String(err), attempt }, 'applying a batch failed; retrying');
        await sleep(backoffMs(attempt));
        await hctx.heartbeat().catch(() => undefined);
      }
    }
  }

  private async applyOnce(events: IncomingEvent[]) {
    const outcomes = await this.transactions.run(() => inTransaction(this.db, async (conn) => {
      const result = await applyBatch(conn, this.host, events);
      if (result.unknown.length) this.log.debug({ accounts: result.unknown.length }, 'events for replicas not prepared here yet were skipped');
      if (result.applied > 0) agentFault('kill-before-commit');
      return result.accounts;
    }));
    if (outcomes.some((o) => o.applied > 0)) agentFault('kill-after-commit');
    // Test-only hook; the scans run only when a fault is asked for (this is the apply hot path).
    if (process.env.CARBONIO_AGENT_FAULT && midSnapshot(events)) agentFault('kill-mid-snapshot-apply');
    return outcomes;
  }

  /** Account by account, then event by event: the first event the database refuses is poison. */
  private async applyIsolated(events: IncomingEvent[]) {
    const out: AccountOutcome[] = [];
    for (const list of groupByAccount(events).values()) {
      try {
        out.push(...await this.applyOnce(list));
        continue;
      } catch (err) {
        if (isTransientApplyError(err)) throw err;
      }
      for (const ev of list) {
        try {
          out.push(...await this.applyOnce([ev]));
        } catch (err) {
          if (isTransientApplyError(err)) throw err;
          out.push(await this.markPoison(ev, `the database refused the event: ${(err as Error).message}`));
        }
      }
    }
    return out;
  }

  private async markPoison(ev: IncomingEvent, reason: string) {
    const error = `event at partition ${ev.partition} offset ${ev.offset} rejected: ${reason}`;
    await inTransaction(this.db, async (conn) => {
      const p = (await lockPositions(conn, [ev.accountId])).get(ev.accountId);
      if (!p) return;
      p.phase = 'failed';
      p.lastError = error;
      await writePositions(conn, [p]);
    });
    return { accountId: ev.accountId, applied: 0, held: 0, skipped: 0, poison: [{ event: ev, reason }], failed: error, snapshotEnded: false, consistent: false };
  }

  private async afterCommit(outcomes: AccountOutcome[], hctx: BatchHandlerContext) {
    const letters = outcomes.flatMap((o) => o.poison);
    this.stats.poison += letters.length;
    for (const o of outcomes) {
      this.stats.applied += o.applied;
      this.stats.held += o.held;
    }
    if (letters.length) await this.sendDeadLetters(letters, hctx);
    const nowConsistent: string[] = [];
    for (const o of outcomes) {
      try {
        if (o.reinit) {
          this.log.warn({ accountId: o.accountId, reason: o.reinit }, 'replica needs a new snapshot');
          await requestReinit(this.haDb, this.host, o.accountId, o.reinit);
        } else if (o.failed) {
          this.log.error({ accountId: o.accountId, reason: o.failed }, 'replica failed on a poison event');
          await markReplicaFailed(this.haDb, this.host, o.accountId, o.failed);
        } else if (o.consistent && this.topology.replicaHere(o.accountId)?.state === 'initializing') {
          nowConsistent.push(o.accountId);
        }
      } catch (err) {
        // The status reporter reconciles these transitions from replica_position later.
        this.log.warn({ err: String(err), accountId: o.accountId }, 'could not report a replica transition now');
      }
    }
    if (nowConsistent.length) await markReplicasActive(this.haDb, this.host, nowConsistent).catch((err) => this.log.warn({ err: String(err) }, 'could not mark replicas active now'));
  }

  private async sendDeadLetters(letters: AccountOutcome['poison'], hctx: BatchHandlerContext) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const dlq = this.dlq();
      try {
        if (!dlq) throw new Error('no Kafka connection');
        await dlq.send(letters);
        return;
      } catch (err) {
        this.log.warn({ err: String(err), attempt }, 'sending to the DLQ failed; retrying');
        await sleep(backoffMs(attempt));
        await hctx.heartbeat().catch(() => undefined);
      }
    }
    this.log.error({ letters: letters.map((l) => `${l.event.partition}/${l.event.offset}: ${l.reason}`) }, 'poison events could not be written to the DLQ; their reason is in the replica lastError');
  }
}

/** Some account's snapshot chunks are among these events without that account's snapshot end. */
function midSnapshot(events: IncomingEvent[]): boolean {
  const chunked = new Set<string>();
  const ended = new Set<string>();
  for (const e of events) {
    if (e.envelope?.op === 'SnapshotChunk') chunked.add(e.accountId);
    else if (e.envelope?.op === 'SnapshotEnd') ended.add(e.accountId);
  }
  for (const a of chunked) if (!ended.has(a)) return true;
  return false;
}

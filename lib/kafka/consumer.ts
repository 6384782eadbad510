import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { KafkaAdmin } from './admin';
import { withTimeout } from './producer';

export interface IncomingRecord {
  offset: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: number;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  records: IncomingRecord[];
  highWatermark: number;
}

export interface BatchHandlerContext {
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

function headerText(headers: KafkaMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) {
    const v = headers[k];
    out[k] = v ? v.toString() : '';
  }
  return out;
}

/**
 * Consumer-group member that hands whole batches to `handle` and commits the offset after the
 * last record only once `handle` resolved (the caller commits its database first).
 *
 * After a broker of the cluster dies (one of three SIGKILLed, tests/reliability), kafkajs 2.2.4
 * can stop delivering silently: no error, no crash event, for many minutes. Two guards report
 * a crash instead, so the owner starts a new consumer: the offset commit after a batch is
 * bounded (`commitTimeoutMs`), and a watchdog checks that the group's committed offsets move
 * while they are behind the topic's high-water marks and no batch is being handled (`stallMs`;
 * every delivered batch commits its offset, so a live consumer moves them).
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly crashListeners: ((error: Error) => void)[] = [];
  private readonly admin: KafkaAdmin;
  /** Batches being handled now (several with `concurrency` above 1). */
  private handling = 0;
  private ended = false;
  private watchdog?: NodeJS.Timeout;
  private stalledSince?: number;
  private lastCommitted = '';
  private topic?: string;
  /** This member's partitions of `topic` (from its last group join). */
  private assigned: number[] = [];
  private fetchPaused = false;

  constructor(kafka: Kafka, readonly groupId: string, private readonly opts: { sessionTimeoutMs?: number; maxBytes?: number; stallMs?: number; checkMs?: number; commitTimeoutMs?: number; concurrency?: number } = {}) {
    this.admin = new KafkaAdmin(kafka, 5000);
    this.consumer = kafka.consumer({
      groupId,
      sessionTimeout: opts.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 15_000,
      // Bounded fetches: a fetch is decoded and held in memory whole (peak RSS of the node). Per
      // partition no less than the broker's largest record batch (1 MiB by default): Kafka returns
      // a batch larger than its partition's share only when that partition is the first non-empty
      // one of the fetch, and kafkajs does not rotate partitions.
      maxBytesPerPartition: opts.maxBytes ?? 1024 * 1024,
      maxBytes: 2 * (opts.maxBytes ?? 1024 * 1024),
      maxWaitTimeInMs: 50,
      retry: { retries: 1000, initialRetryTime: 200, maxRetryTime: 3000 },
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => this.crashed(e.payload.error));
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.assigned = this.topic ? [...(e.payload.memberAssignment[this.topic] ?? [])] : [];
    });
  }

  get paused(): boolean {
    return this.fetchPaused;
  }

  /** Stops fetching; the member stays in its group and keeps its partitions (no rebalance). */
  pause() {
    if (this.fetchPaused || !this.topic) return;
    this.consumer.pause([{ topic: this.topic }]);
    this.fetchPaused = true;
  }

  /**
   * Fetches again. With `skipBeforeMs`, each partition this member holds first moves forward
   * (never back) to its first record written at or after that time, and the group commits
   * that position; records before it are not read.
   */
  async resume(skipBeforeMs?: number) {
    const topic = this.topic;
    if (!this.fetchPaused || !topic) return;
    if (skipBeforeMs !== undefined && this.assigned.length) {
      const [from, committed] = await Promise.all([this.admin.offsetsAt(topic, skipBeforeMs), this.admin.groupOffsets(this.groupId, topic)]);
      const moves = this.assigned.filter((p) => (from.get(p) ?? -1) > (committed.get(p) ?? -1))
        .map((partition) => ({ topic, partition, offset: String(from.get(partition)) }));
      for (const m of moves) this.consumer.seek(m);
      if (moves.length) await withTimeout(this.consumer.commitOffsets(moves), this.opts.commitTimeoutMs ?? 15_000, `committing the offsets of ${this.groupId}`);
    }
    this.consumer.resume([{ topic }]);
    this.fetchPaused = false;
  }

  /** Reported once per consumer, and never after stop(). */
  private crashed(error: Error) {
    clearInterval(this.watchdog);
    void this.admin.disconnect().catch(() => undefined);
    if (this.ended) return;
    this.ended = true;
    for (const l of this.crashListeners) l(error);
  }

  private startWatchdog(topic: string) {
    const stallMs = this.opts.stallMs ?? 30_000;
    let checking = false;
    this.watchdog = setInterval(() => {
      if (checking || this.ended) return;
      checking = true;
      void this.checkProgress(topic, stallMs).catch(() => undefined).finally(() => (checking = false));
    }, this.opts.checkMs ?? 5000);
    this.watchdog.unref();
  }

  private async checkProgress(topic: string, stallMs: number) {
    if (this.fetchPaused) {
      this.stalledSince = undefined;
      return;
    }
    const [hw, committed] = await Promise.all([this.admin.highWatermarks(topic), this.admin.groupOffsets(this.groupId, topic)]);
    const key = [...committed].sort((a, b) => a[0] - b[0]).map(([p, o]) => `${p}:${o}`).join(',');
    const behind = [...hw].some(([p, end]) => (committed.get(p) ?? -1) >= 0 && (committed.get(p) ?? 0) < end);
    if (!behind || this.handling > 0 || key !== this.lastCommitted) {
      this.lastCommitted = key;
      this.stalledSince = undefined;
      return;
    }
    this.stalledSince ??= Date.now();
    if (Date.now() - this.stalledSince >= stallMs) {
      this.crashed(new Error(`the consumer delivered nothing for ${Math.round(stallMs / 1000)} s while its group is behind the topic (stalled)`));
    }
  }

  async start(topic: string, handle: (batch: IncomingBatch, ctx: BatchHandlerContext) => Promise<void>) {
    this.topic = topic;
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Batches of different partitions of one fetch may be handled together; each commits its own
      // partition's offset after its own handler resolved.
      partitionsConsumedConcurrently: this.opts.concurrency ?? 1,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        if (batch.messages.length === 0 || !isRunning() || isStale()) return;
        this.handling++;
        try {
          await this.handleBatch(batch, handle, heartbeat, isRunning, resolveOffset);
        } finally {
          this.handling--;
        }
      },
    });
    this.startWatchdog(topic);
  }

  private async handleBatch(batch: EachBatchPayload['batch'], handle: (batch: IncomingBatch, ctx: BatchHandlerContext) => Promise<void>,
    heartbeat: () => Promise<void>, isRunning: () => boolean, resolveOffset: (offset: string) => void) {
    const records: IncomingRecord[] = batch.messages.map((m) => ({
      offset: Number(m.offset),
      key: m.key ? m.key.toString() : null,
      value: m.value,
      headers: headerText(m.headers),
      timestamp: Number(m.timestamp),
    }));
    await handle({ topic: batch.topic, partition: batch.partition, records, highWatermark: Number(batch.highWatermark) }, { heartbeat, isRunning });
    const last = records[records.length - 1].offset;
    resolveOffset(String(last));
    // The commit goes to the group coordinator; after that broker died, kafkajs can retry the
    // dead connection for many minutes inside this call. Bounded: a new consumer finds the new
    // coordinator, and the batch is delivered again (its events are skipped by sequence).
    const commitMs = this.opts.commitTimeoutMs ?? 15_000;
    try {
      await withTimeout(this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(last + 1) }]), commitMs, `committing the offsets of ${this.groupId}`);
    } catch (err) {
      this.crashed(err as Error);
    }
  }

  onCrash(listener: (error: Error) => void) {
    this.crashListeners.push(listener);
  }

  /** Leaves the group; a stalled consumer may never finish disconnecting, so this waits 10 s at most. */
  async stop() {
    this.ended = true;
    clearInterval(this.watchdog);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.consumer.disconnect().catch(() => undefined),
      new Promise((r) => (timer = setTimeout(r, 10_000))),
    ]);
    clearTimeout(timer);
    await this.admin.disconnect().catch(() => undefined);
  }
}

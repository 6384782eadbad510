import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { KafkaAdmin } from './admin';
import { BatchQueue } from './batch-queue';
import { ACCOUNT_HEADER } from './topics';
import { withTimeout } from './producer';

export interface IncomingRecord {
  offset: number;
  /**
   * The record's account: its `carbonio-account` header, else its key (the two are the same on
   * this stream). Only that is converted to text: the other headers and the key are never read
   * here, and every fetched record passes through this.
   */
  account: string | null;
  value: Buffer | null;
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

/** A record's account: its `carbonio-account` header, else its key, else null. */
export function accountOf(m: KafkaMessage): string | null {
  const h = m.headers?.[ACCOUNT_HEADER];
  const v = Array.isArray(h) ? h[0] : h;
  if (v !== undefined && v.length > 0) return v.toString();
  return m.key ? m.key.toString() : null;
}

/** Handles a group of batches (whole batches, each partition's in order); the offsets are committed once it resolved. */
export type BatchGroupHandler = (batches: IncomingBatch[], ctx: BatchHandlerContext) => Promise<void>;

export interface EventConsumerOptions {
  sessionTimeoutMs?: number;
  /** Fetched bytes per partition (twice that per fetch). */
  maxBytes?: number;
  stallMs?: number;
  checkMs?: number;
  commitTimeoutMs?: number;
  /**
   * A new group starts while fewer partitions than this are being handled (default 1). Under a
   * backlog a group is often one partition's batch, so that many groups run at once; under light
   * traffic a group spans several partitions and the next records wait for it, which gathers them
   * into fewer transactions (counting groups instead, measured: the replicas' wait halved but the
   * sources' writes slowed, README "Performance").
   */
  appliers?: number;
  /** Records in one group at most, unless its first batch alone is larger (default 2,000). */
  groupRecords?: number;
  /** Fetched bytes that may wait for a handler before fetching waits too (default one fetch). */
  queueBytes?: number;
  /** How long start() may take to connect and join the group (default 60 s). */
  startTimeoutMs?: number;
  /** How long stop() lets a join under way finish before it disconnects (default 15 s). */
  stopJoinWaitMs?: number;
}

/**
 * Consumer-group member that hands fetched batches to `handle` in groups and commits a group's
 * offsets (one request) only once `handle` resolved (the caller commits its database first).
 *
 * Fetching and handling overlap: a fetched batch is queued and kafkajs fetches the next records
 * at once, while earlier ones are handled; fetching waits only while more than `queueBytes`
 * wait. A group takes everything queued (up to `groupRecords`), so under light traffic one fetch
 * of several partitions costs one transaction and one offset commit. After a rebalance kafkajs
 * fetches again from the committed offsets, so queued batches are dropped then; a handler or a
 * commit failure is reported as a crash, and the owner's new consumer reads from the committed
 * offsets too (what was applied but not committed is delivered again and skipped by sequence).
 *
 * After a broker of the cluster dies (one of three SIGKILLed, tests/reliability), kafkajs 2.2.4
 * can stop delivering silently: no error, no crash event, for many minutes. Two guards report
 * a crash instead, so the owner starts a new consumer: the offset commit after a group is
 * bounded (`commitTimeoutMs`), and a watchdog checks that the group's committed offsets move
 * while they are behind the topic's high-water marks and nothing is queued or handled (`stallMs`;
 * every handled group commits its offsets, so a live consumer moves them).
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly crashListeners: ((error: Error) => void)[] = [];
  private readonly admin: KafkaAdmin;
  private readonly queue = new BatchQueue<IncomingBatch>();
  /** Partitions of the groups being handled now. */
  private readonly busy = new Set<number>();
  private handle?: BatchGroupHandler;
  private heartbeat: () => Promise<void> = async () => undefined;
  private pumpScheduled = false;
  private ended = false;
  private watchdog?: NodeJS.Timeout;
  private stalledSince?: number;
  private lastCommitted = '';
  private topic?: string;
  /** This member's partitions of `topic` (from its last group join). */
  private assigned: number[] = [];
  private fetchPaused = false;
  /** Rejects a start() under way: kafkajs reports a failed join as a crash. */
  private failStart?: (error: Error) => void;
  /** The join under way (connect, subscribe, run), settled or not. */
  private joining?: Promise<void>;
  private stopping?: Promise<void>;
  /** stop() has disconnected: a batch delivered now comes from a runner kafkajs lost track of. */
  private stopped = false;
  private readonly handlerContext: BatchHandlerContext = {
    heartbeat: () => this.heartbeat(),
    isRunning: () => !this.ended,
  };

  constructor(kafka: Kafka, readonly groupId: string, private readonly opts: EventConsumerOptions = {}) {
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
      // After a crash kafkajs would start this consumer again by itself, while the owner starts a
      // new one: the old one, restarted after stop() returned, stayed in the group holding
      // partitions it no longer hands over (replicas stuck; broker-restart reproduced it).
      retry: { retries: 1000, initialRetryTime: 200, maxRetryTime: 3000, restartOnFailure: async () => false },
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => this.crashed(e.payload.error));
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.assigned = this.topic ? [...(e.payload.memberAssignment[this.topic] ?? [])] : [];
      this.queue.clear();
    });
  }

  get paused(): boolean {
    return this.fetchPaused;
  }

  /** This member's partitions of its topic, from its last group join. */
  get assignedPartitions(): readonly number[] {
    return this.assigned;
  }

  /** Batches queued or being handled. */
  private get pending(): number {
    return this.queue.length + this.busy.size;
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
      if (moves.length) await this.commit(moves);
    }
    this.consumer.resume([{ topic }]);
    this.fetchPaused = false;
  }

  /** Reported once per consumer, and never after stop(). */
  private crashed(error: Error) {
    clearInterval(this.watchdog);
    this.queue.clear();
    void this.admin.disconnect().catch(() => undefined);
    if (this.ended) return;
    this.ended = true;
    this.failStart?.(error);
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
    if (!behind || this.pending > 0 || key !== this.lastCommitted) {
      this.lastCommitted = key;
      this.stalledSince = undefined;
      return;
    }
    this.stalledSince ??= Date.now();
    if (Date.now() - this.stalledSince >= stallMs) {
      this.crashed(new Error(`the consumer delivered nothing for ${Math.round(stallMs / 1000)} s while its group is behind the topic (stalled)`));
    }
  }

  /**
   * Connects, joins the group and starts fetching. Resolves only for a live member: kafkajs
   * retries connecting and joining for as long as its retry settings allow (many minutes), so
   * this gives up after `startTimeoutMs` (default 60 s), and a crash while joining rejects too;
   * either way the consumer is stopped and the owner starts a new one.
   */
  async start(topic: string, handle: BatchGroupHandler) {
    if (this.stopping) throw new Error(`the consumer of ${this.groupId} was stopped before it started`);
    this.topic = topic;
    this.handle = handle;
    const crashedWhileJoining = new Promise<never>((_, reject) => (this.failStart = reject));
    this.joining = this.join(topic);
    try {
      await withTimeout(Promise.race([this.joining, crashedWhileJoining]), this.opts.startTimeoutMs ?? 60_000, `joining the consumer group ${this.groupId}`);
      if (this.ended) throw new Error(`the consumer of ${this.groupId} was stopped while joining its group`);
    } catch (err) {
      await this.stop();
      throw err;
    } finally {
      this.failStart = undefined;
    }
    this.startWatchdog(topic);
  }

  private async join(topic: string) {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        if (this.stopped) throw abandonedRunner(this.groupId);
        if (batch.messages.length === 0 || !isRunning() || isStale() || this.ended) return;
        this.heartbeat = heartbeat;
        this.queue.push(incomingBatch(batch));
        // The next fetch starts after this offset; the group commits it only once handled.
        resolveOffset(batch.lastOffset());
        this.schedulePump();
        const limit = this.opts.queueBytes ?? 2 * (this.opts.maxBytes ?? 1024 * 1024);
        while (this.queue.bytes > limit && isRunning() && !isStale() && !this.ended) {
          await this.queue.changed(1000);
          await heartbeat().catch(() => undefined);
        }
      },
    });
  }

  /** Starts groups after the batches of the current fetch are all queued (one group for all of them). */
  private schedulePump() {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump() {
    const appliers = this.opts.appliers ?? 1;
    while (!this.ended && this.busy.size < appliers && this.queue.length) {
      const group = this.queue.take(this.opts.groupRecords ?? 2000, this.busy);
      if (!group.length) return;
      const partitions = new Set(group.map((b) => b.partition));
      for (const p of partitions) this.busy.add(p);
      void this.handleGroup(group).finally(() => {
        for (const p of partitions) this.busy.delete(p);
        this.schedulePump();
      });
    }
  }

  private async handleGroup(group: IncomingBatch[]) {
    try {
      await this.handle!(group, this.handlerContext);
      const next = new Map<number, number>();
      for (const b of group) next.set(b.partition, b.records[b.records.length - 1].offset + 1);
      await this.commit([...next].map(([partition, offset]) => ({ topic: group[0].topic, partition, offset: String(offset) })));
    } catch (err) {
      this.crashed(err as Error);
    }
  }

  /**
   * The commit goes to the group coordinator; after that broker died, kafkajs can retry the
   * dead connection for many minutes inside this call. Bounded: a new consumer finds the new
   * coordinator, and the batches are delivered again (their events are skipped by sequence).
   */
  private commit(offsets: { topic: string; partition: number; offset: string }[]) {
    return withTimeout(this.consumer.commitOffsets(offsets), this.opts.commitTimeoutMs ?? 15_000, `committing the offsets of ${this.groupId}`);
  }

  onCrash(listener: (error: Error) => void) {
    this.crashListeners.push(listener);
  }

  /**
   * Leaves the group; a start() under way rejects. kafkajs forgets a runner that is stopped
   * while it joins, and that runner joins all the same: a member nobody stops, holding
   * partitions it never delivers (a destination's replicas stuck until the process ends). So a
   * join under way is first given `stopJoinWaitMs` to finish. A stalled consumer may never
   * finish disconnecting: 10 s at most. Calling it again returns the same stop.
   */
  stop(): Promise<void> {
    this.stopping ??= this.leave();
    return this.stopping;
  }

  private async leave() {
    this.ended = true;
    this.queue.clear();
    clearInterval(this.watchdog);
    this.failStart?.(new Error(`the consumer of ${this.groupId} was stopped while joining its group`));
    await settledWithin(this.joining, this.opts.stopJoinWaitMs ?? 15_000);
    await settledWithin(this.consumer.disconnect(), 10_000);
    this.stopped = true;
    await this.admin.disconnect().catch(() => undefined);
  }
}

/** Waits for `p` to settle, `ms` at most; never rejects. */
async function settledWithin(p: Promise<unknown> | undefined, ms: number) {
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/**
 * Thrown from a batch handler of a stopped consumer whose join outlived stop()'s wait: not
 * retriable, so kafkajs's runner crashes and stops, and the broker drops the member after its
 * session timeout instead of it holding its partitions for good.
 */
function abandonedRunner(groupId: string): Error {
  return Object.assign(new Error(`a stopped consumer of ${groupId} was still fetching; ending it`), { retriable: false });
}

function incomingBatch(batch: EachBatchPayload['batch']): IncomingBatch {
  const records: IncomingRecord[] = batch.messages.map((m) => ({
    offset: Number(m.offset),
    account: accountOf(m),
    value: m.value,
    timestamp: Number(m.timestamp),
  }));
  return { topic: batch.topic, partition: batch.partition, records, highWatermark: Number(batch.highWatermark) };
}

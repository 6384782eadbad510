import { randomUUID } from 'node:crypto';
import { EVENTS_TOPIC, EventProducer } from '../kafka';
import type { KafkaHandles } from '../node/kafka-link';
import type { NodeComponent } from '../node/component';
import type { NodeContext } from '../node/node';
import { agentFault } from './agent-fault';
import { sleep } from '../util/sleep';
import { backoffMs } from './agent-mutex';
import { encodeEvent } from './codec';
import { ENVELOPE_VERSION, type Envelope } from './envelope';
import { setPublishing } from './publishing';
import { claimSnapshot, findSnapshotJobs, finishSnapshot, recordCursor, recordSnapshotError, type SnapshotJob } from './snapshot-progress';
import { SnapshotReader } from './snapshot-read';

/**
 * The source side of a replica's initial sync. For each replica of an account hosted here whose
 * destination agent is ready, it turns publishing on, opens one consistent read at sequence S and
 * publishes SnapshotBegin, SnapshotChunk..., SnapshotEnd into the account's partition, recording
 * the last acknowledged item id in the replica row. After a crash it resumes from that cursor
 * with a new consistent read (SnapshotBegin.resumed = true); docs/replication.md explains why
 * the destination still ends equal to the source.
 */
export class SnapshotTaker implements NodeComponent {
  readonly name = 'snapshotter';
  readonly haModule = true;
  private running = false;
  private timer?: NodeJS.Timeout;
  private scanning = false;
  private readonly inFlight = new Map<number, Promise<void>>();
  private producer?: { handles: KafkaHandles; producer: EventProducer };
  private failures = new Map<number, { attempt: number; notBefore: number }>();

  constructor(private readonly ctx: NodeContext, private readonly opts: { pollMs?: number; concurrency?: number; chunkRows?: number; cursorEveryMs?: number } = {}) {}

  async start() {
    this.running = true;
    this.timer = setInterval(() => void this.scan(), this.opts.pollMs ?? 500);
    this.ctx.topology.on('change', this.onChange);
  }

  private readonly onChange = () => void this.scan();

  private async scan() {
    if (!this.running || this.scanning) return;
    this.scanning = true;
    try {
      const jobs = await findSnapshotJobs(this.ctx.haDb, this.ctx.config.host);
      for (const job of jobs) {
        if (this.inFlight.size >= (this.opts.concurrency ?? 2)) break;
        if (this.inFlight.has(job.replicaId) || !this.ctx.topology.hosted(job.accountId)) continue;
        const f = this.failures.get(job.replicaId);
        if (f && f.notBefore > Date.now()) continue;
        const run = this.take(job).finally(() => this.inFlight.delete(job.replicaId));
        this.inFlight.set(job.replicaId, run);
      }
    } catch (err) {
      this.ctx.log.warn({ err: String(err) }, 'looking for snapshots to take failed');
    } finally {
      this.scanning = false;
    }
  }

  private snapshotProducer(): EventProducer | undefined {
    const h = this.ctx.kafka.handles();
    if (!h) return undefined;
    if (this.producer?.handles !== h) {
      void this.producer?.producer.disconnect();
      this.producer = { handles: h, producer: new EventProducer(h.kafka, () => h.partitions, this.ctx.config.publishTimeoutMs) };
    }
    return this.producer.producer;
  }

  private async take(job: SnapshotJob) {
    try {
      const result = await this.pass(job);
      this.failures.delete(job.replicaId);
      if (result) this.ctx.log.info({ accountId: job.accountId, destination: job.destination, ...result }, 'snapshot published');
    } catch (err) {
      const attempt = (this.failures.get(job.replicaId)?.attempt ?? 0) + 1;
      this.failures.set(job.replicaId, { attempt, notBefore: Date.now() + backoffMs(attempt, 500, 30_000) });
      const message = `snapshot to ${job.destination} failed (attempt ${attempt}, will retry): ${(err as Error).message}`;
      this.ctx.log.warn({ accountId: job.accountId }, message);
      await recordSnapshotError(this.ctx.haDb, job.replicaId, message).catch(() => undefined);
    }
  }

  /** One pass: fresh, or resumed after the last acknowledged item when a previous pass was cut. */
  private async pass(job: SnapshotJob): Promise<{ seq: number; items: number; chunks: number; resumed: boolean } | undefined> {
    const hosted = this.ctx.topology.hosted(job.accountId);
    if (!hosted) return undefined;
    const resumed = job.snapshotState === 'running' && job.snapshotId !== null && job.snapshotCursor !== null;
    const snapshotId = resumed ? job.snapshotId! : randomUUID();
    if (!(await claimSnapshot(this.ctx.haDb, job, snapshotId))) return undefined;
    await setPublishing(this.ctx.db, job.accountId, true, { provisionEpoch: hosted.epoch });
    const afterItemId = resumed ? job.snapshotCursor! : 0;
    const reader = await SnapshotReader.open(this.ctx.db, job.accountId, afterItemId);
    if (!reader) throw new Error('the account has no mailbox on its source yet');
    try {
      const head = reader.head;
      if (head.state !== 'primary') throw new Error(`the source mailbox is ${head.state}, not primary`);
      const producer = this.snapshotProducer();
      if (!producer) throw new Error('no Kafka brokers configured');
      const base = { v: ENVELOPE_VERSION, accountId: job.accountId, mailboxId: head.mailboxId, epoch: hosted.epoch, seq: head.seq } as const;
      let n = 0;
      const send = (e: Omit<Envelope, 'v' | 'accountId' | 'mailboxId' | 'epoch' | 'seq' | 'txId' | 'ts'>) =>
        producer.send(EVENTS_TOPIC, [encodeEvent({ ...base, txId: `snap:${snapshotId}:${head.seq}:${n++}`, ts: Date.now(), ...e } as Envelope)]);
      const target = job.destination;
      await send({ op: 'SnapshotBegin', payload: { snapshotId, target, resumed, afterItemId, mailbox: head.checkpoints, totalItems: head.totalItems } });
      let items = resumed ? job.snapshotItems : 0;
      let chunks = 0;
      // One chunk in flight while the next is read and encoded; the cursor only ever names
      // items Kafka acknowledged, recorded at most every cursorEveryMs (1 s; and at the end).
      let inFlight: Promise<boolean> = Promise.resolve(true);
      let lastRecord = 0;
      for await (const part of reader.parts({ chunkRows: this.opts.chunkRows })) {
        if (!this.running) throw new Error('the node is stopping; the snapshot resumes at the next start');
        const payload = part.kind === 'items'
          ? { snapshotId, target, chunk: chunks, items: part.rows, tombstones: [] }
          : { snapshotId, target, chunk: chunks, items: [], tombstones: part.rows };
        const sent = send({ op: 'SnapshotChunk', payload });
        chunks++;
        const after = part.kind === 'items' ? { items: items + part.rows.length, cursor: part.rows[part.rows.length - 1].id } : undefined;
        if (after) items = after.items;
        const previous = inFlight;
        inFlight = (async () => {
          if (!(await previous)) return false;
          await sent;
          if (!after || Date.now() - lastRecord < (this.opts.cursorEveryMs ?? 1000)) return true;
          lastRecord = Date.now();
          const kept = await recordCursor(this.ctx.haDb, job.replicaId, snapshotId, { cursor: after.cursor, items: after.items, seq: head.seq });
          agentFault('kill-mid-snapshot');
          return kept;
        })();
        inFlight.catch(() => undefined);
        if (!(await previous)) return undefined; // cancelled (replica removed or re-initialised)
      }
      if (!(await inFlight)) return undefined;
      await send({ op: 'SnapshotEnd', payload: { snapshotId, target, chunks, items } });
      await finishSnapshot(this.ctx.haDb, job.replicaId, snapshotId, head.seq, items);
      return { seq: head.seq, items, chunks, resumed };
    } finally {
      await reader.close();
    }
  }

  async stop() {
    this.running = false;
    clearInterval(this.timer);
    this.ctx.topology.off('change', this.onChange);
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), sleep(10_000)]);
    await this.producer?.producer.disconnect();
    this.producer = undefined;
  }
}

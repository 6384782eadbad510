import { agentGroupId, EVENTS_TOPIC, EventConsumer, startNewGroupAtEnd, type IncomingBatch, type BatchHandlerContext } from '../kafka';
import type { NodeComponent } from '../node/component';
import type { NodeContext } from '../node/node';
import { AgentBatchHandler, type AgentStats } from './agent-batch';
import { ReplicaLifecycle } from './agent-lifecycle';
import { backoffMs, SharedExclusiveLock } from './agent-mutex';
import { DeadLetterQueue } from './dlq';

/**
 * Groups of batches handled at once, on disjoint partitions: while one group's transaction runs
 * (transactions go one at a time, see AgentBatchHandler), the next is decoded, so the node's one
 * JavaScript thread and the database overlap. Kafka is fetched meanwhile too.
 */
export const AGENT_APPLIERS = 2;

/** How far before a replica's creation an idle agent starts reading again (clocks of nodes differ). */
export const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

/**
 * The replica agent of one destination mailstore: a member of the consumer group
 * `carbonio-ha-agent.<host>` on carbonio.ha.events that applies the events of the replicas held
 * here (several instances of one destination share the partitions), plus the lifecycle of those
 * replicas (prepare, pause, resume, remove). Offsets are committed only after the database commit.
 */
export class ReplicaAgent implements NodeComponent {
  readonly name = 'agent';
  readonly haModule = true;
  readonly lifecycle: ReplicaLifecycle;
  private readonly handler: AgentBatchHandler;
  /** Batches (one per partition, several at once) share it; a lifecycle action holds it alone. */
  private readonly lock = new SharedExclusiveLock();
  private consumer?: EventConsumer;
  private dlq?: DeadLetterQueue;
  private running = false;
  private connected = false;
  private reconnectTimer?: NodeJS.Timeout;
  private reconcileTimer?: NodeJS.Timeout;
  private attempt = 0;
  /** The start of `consumer` under way; a disconnect forgets it (that consumer is being stopped). */
  private connecting?: Promise<void>;
  /** Consumers being stopped in the background (a reconnect does not wait for them). */
  private readonly stopping = new Set<Promise<void>>();
  private idleSince?: number;

  constructor(private readonly ctx: NodeContext, private readonly opts: { reconcileMs?: number } = {}) {
    const log = ctx.log.child({ component: 'agent' });
    this.lifecycle = new ReplicaLifecycle(ctx.db, ctx.haDb, ctx.config.host, log, ctx.topology);
    this.handler = new AgentBatchHandler(ctx.db, ctx.haDb, ctx.config.host, ctx.topology, () => this.dlq, log);
  }

  get groupId(): string {
    return agentGroupId(this.ctx.config.host, this.ctx.config.namespace);
  }

  /** True while the agent is a live member of its consumer group and Kafka answers. */
  canConnectToKafka(): boolean {
    return this.running && this.connected && this.ctx.kafka.reachable;
  }

  stats(): AgentStats {
    return this.handler.stats;
  }

  async start() {
    this.running = true;
    // Idle "for ever" until a replica is seen: a mailstore that starts holding none pauses as
    // soon as its consumer joins (the grace of agentIdlePauseMs is for a replica just removed).
    this.idleSince = 0;
    this.ctx.kafka.on('change', this.onKafkaChange);
    this.ctx.topology.on('change', this.onTopologyChange);
    await this.reconcile();
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.opts.reconcileMs ?? 3000);
    void this.connect();
  }

  private readonly onKafkaChange = () => {
    void this.reconnect();
  };

  private readonly onTopologyChange = (ids: string[]) => {
    const mine = ids.filter((id) => this.ctx.topology.replicaHere(id));
    if (mine.length && this.running) void this.lock.exclusive(() => this.followReplicas(mine)).catch((err) => this.ctx.log.warn({ err: String(err) }, 'replica lifecycle failed'));
  };

  private async reconcile() {
    if (!this.running) return;
    // Whatever path left the agent without a consumer and with nothing under way to start one
    // (a 'change' announced while it was connecting, a disconnect that never ended), it starts
    // one again here, so a destination cannot stay out of its group until the node restarts.
    if (!this.consumer && !this.connecting && !this.reconnectTimer) void this.connect();
    await this.lock.exclusive(() => this.followReplicas()).catch((err) => this.ctx.log.warn({ err: String(err) }, 'replica lifecycle failed'));
  }

  /** True while the agent holds no replica and does not fetch (GET /api/replication/agent). */
  get idle(): boolean {
    return this.consumer?.paused ?? false;
  }

  /**
   * Under the exclusive lock: fetches only while a replica is held here (an idle mailstore does
   * not read every event of the cluster), then runs the lifecycle. A replica is announced ready
   * only once the agent fetches again.
   */
  private async followReplicas(accountIds?: string[]) {
    try {
      await this.pauseWhenIdle();
    } catch (err) {
      this.ctx.log.warn({ err: String(err) }, 'the agent could not resume fetching yet; will retry');
    }
    await this.lifecycle.reconcile(accountIds, this.connected && !this.idle);
  }

  private async pauseWhenIdle() {
    const consumer = this.consumer;
    if (!consumer || !this.connected) return;
    if (!this.ctx.topology.replicasHeld().next().done) {
      this.idleSince = undefined;
      if (!consumer.paused) return;
      // Everything a replica held now needs was written after it was created (its snapshot
      // starts once it is announced): older records are skipped, with a margin for clock skew.
      const [{ t }] = await this.ctx.haDb.query('SELECT MIN(createdAt) AS t FROM replica WHERE destination = ?', [this.ctx.config.host]);
      await consumer.resume((t ? new Date(t as string | Date).getTime() : Date.now()) - CLOCK_SKEW_MARGIN_MS);
      this.ctx.log.info({ group: this.groupId }, 'agent fetching again: this mailstore holds a replica');
      return;
    }
    this.idleSince ??= Date.now();
    if (!consumer.paused && Date.now() - this.idleSince >= this.ctx.config.agentIdlePauseMs) {
      consumer.pause();
      this.ctx.log.info({ group: this.groupId }, 'agent idle: this mailstore holds no replica, so it stops fetching (it stays in its group)');
    }
  }

  private connect(): Promise<void> {
    if (!this.connecting) {
      const attempt: Promise<void> = this.doConnect().finally(() => {
        if (this.connecting === attempt) this.connecting = undefined;
      });
      this.connecting = attempt;
    }
    return this.connecting;
  }

  private async doConnect() {
    const h = this.ctx.kafka.handles();
    if (!this.running || !h || this.consumer) return;
    const consumer = new EventConsumer(h.kafka, this.groupId, { appliers: AGENT_APPLIERS });
    this.consumer = consumer;
    this.dlq = new DeadLetterQueue(h.kafka, this.ctx.config.host, EVENTS_TOPIC, this.ctx.config.publishTimeoutMs);
    // A consumer replaced meanwhile (by a reconnect) is the replacer's to stop: it neither
    // connects the agent nor schedules a reconnect that would stop its successor.
    const superseded = () => this.consumer !== consumer;
    consumer.onCrash((err) => {
      if (superseded()) return;
      this.ctx.log.warn({ err: String(err) }, 'the agent consumer crashed; reconnecting');
      this.connected = false;
      this.scheduleReconnect();
    });
    try {
      if (await startNewGroupAtEnd(h.kafka, this.groupId, EVENTS_TOPIC)) this.ctx.log.info({ group: this.groupId }, 'new agent group starts at the end of the stream');
      if (superseded()) return;
      await consumer.start(EVENTS_TOPIC, (batches: IncomingBatch[], hctx: BatchHandlerContext) => this.lock.shared(() => this.handler.handle(batches, hctx)));
      if (superseded()) return;
      this.connected = true;
      this.attempt = 0;
      this.ctx.log.info({ group: this.groupId }, 'agent consuming');
      void this.reconcile(); // replicas waiting to be prepared can be announced now
    } catch (err) {
      if (superseded()) return;
      this.ctx.log.warn({ err: String(err) }, 'the agent cannot join its consumer group yet');
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect() {
    if (!this.running || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, backoffMs(this.attempt++, 500, 10_000));
  }

  /**
   * The old consumer stops in the background: stopping one that is still joining waits for its
   * join (see EventConsumer.stop), and the new brokers should not wait for that.
   */
  private async reconnect() {
    clearTimeout(this.reconnectTimer); // reconnecting now makes a scheduled reconnect redundant
    this.reconnectTimer = undefined;
    void this.disconnect();
    if (this.running) await this.connect();
  }

  /** Detaches the consumer and stops it; the returned stop is also awaited by stop(). */
  private disconnect(): Promise<void> {
    const consumer = this.consumer;
    const dlq = this.dlq;
    this.consumer = undefined;
    this.dlq = undefined;
    this.connected = false;
    this.connecting = undefined;
    const stopped = (async () => {
      await consumer?.stop();
      await dlq?.close();
    })().catch((err) => this.ctx.log.warn({ err: String(err) }, 'stopping the replaced agent consumer failed'));
    this.stopping.add(stopped);
    void stopped.finally(() => this.stopping.delete(stopped));
    return stopped;
  }

  async stop() {
    this.running = false;
    clearInterval(this.reconcileTimer);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.ctx.kafka.off('change', this.onKafkaChange);
    this.ctx.topology.off('change', this.onTopologyChange);
    const attempt = this.connecting;
    void this.disconnect(); // also fails a start under way
    await attempt?.catch(() => undefined);
    await Promise.all(this.stopping);
    await this.lock.exclusive(async () => undefined);
  }
}

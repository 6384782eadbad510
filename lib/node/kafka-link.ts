import { EventEmitter } from 'node:events';
import { BROKERS_KEY } from '../ha/cluster-client';
import { createKafka, EVENTS_TOPIC, DLQ_TOPIC, EventProducer, KafkaAdmin, type Kafka, parseBrokerList, securityFromEnv } from '../kafka';
import type { HaPrisma } from '../db/prisma';
import type { Logger } from '../log/logger';
import type { NodeComponent } from './component';

export interface KafkaHandles {
  brokers: string[];
  kafka: Kafka;
  admin: KafkaAdmin;
  producer: EventProducer;
  partitions: number;
}

/**
 * The node's connection to Kafka. Brokers come from the HA database's global config and are
 * re-read every few seconds: when `carbonio config set global brokers` changes them, the link
 * rebuilds its clients and emits 'change' so the publisher and the agent reconnect.
 */
export class KafkaLink extends EventEmitter implements NodeComponent {
  readonly name = 'kafka-link';
  private current?: KafkaHandles;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private refreshing?: Promise<void>;
  reachable = false;

  constructor(
    private readonly prisma: HaPrisma,
    private readonly log: Logger,
    private readonly opts: { publishTimeoutMs: number; clientId: string; partitions: number; replicationFactor?: number; pollMs?: number },
  ) {
    super();
  }

  async start() {
    await this.refresh();
    this.timer = setInterval(() => {
      // One refresh at a time: against unreachable brokers one lasts longer than the period, and
      // two at once could each build clients (one leaked) or announce stale ones after new ones.
      if (this.refreshing) return;
      this.refreshing = this.refresh()
        .catch((err) => this.log.warn({ err }, 'reading the broker list failed'))
        .finally(() => (this.refreshing = undefined));
    }, this.opts.pollMs ?? 2000);
  }

  /** Current handles; throws UnavailableError while no brokers are configured. */
  handles(): KafkaHandles | undefined {
    return this.current;
  }

  private async refresh() {
    if (this.stopped) return;
    const row = await this.prisma.globalConfig.findUnique({ where: { key: BROKERS_KEY } });
    const brokers = row ? parseBrokerList(row.value) : [];
    if (brokers.join(',') === this.current?.brokers.join(',')) return this.probe();
    const old = this.current;
    this.current = undefined;
    if (old) await this.close(old);
    if (brokers.length === 0) return;
    const kafka = createKafka({ brokers, clientId: this.opts.clientId, requestTimeoutMs: this.opts.publishTimeoutMs, ...securityFromEnv() }, this.log);
    const admin = new KafkaAdmin(kafka, this.opts.publishTimeoutMs);
    const handles: KafkaHandles = { brokers, kafka, admin, producer: undefined as unknown as EventProducer, partitions: this.opts.partitions };
    handles.producer = new EventProducer(kafka, () => handles.partitions, this.opts.publishTimeoutMs);
    this.current = handles;
    this.log.info({ brokers }, 'Kafka brokers configured');
    await this.ensureTopics(handles).catch((err) => this.log.warn({ err: String(err) }, 'Kafka not ready yet'));
    if (this.stopped) {
      // Stopped while the topics were checked: stop() may have found no clients yet to close.
      if (this.current === handles) this.current = undefined;
      return this.close(handles);
    }
    this.emit('change', handles);
  }

  private async ensureTopics(h: KafkaHandles) {
    const rf = this.opts.replicationFactor ?? Math.min(3, (await h.admin.describeCluster()).brokers.length);
    await h.admin.ensureTopics([
      { topic: EVENTS_TOPIC, numPartitions: this.opts.partitions, replicationFactor: rf, minInsyncReplicas: rf >= 3 ? 2 : 1 },
      { topic: DLQ_TOPIC, numPartitions: 1, replicationFactor: rf, minInsyncReplicas: rf >= 3 ? 2 : 1 },
    ]);
    h.partitions = await h.admin.partitionCount(EVENTS_TOPIC);
    this.reachable = true;
  }

  private async probe() {
    const h = this.current;
    if (!h) return;
    try {
      await h.admin.describeCluster();
      if (!this.reachable) await this.ensureTopics(h);
      this.reachable = true;
    } catch {
      this.reachable = false;
    }
  }

  private async close(h: KafkaHandles) {
    await h.producer.disconnect();
    await h.admin.disconnect();
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    if (this.current) await this.close(this.current);
    this.current = undefined;
  }
}

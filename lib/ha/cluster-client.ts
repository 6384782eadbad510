import { createKafka, KafkaAdmin, EventProducer, type Kafka, parseBrokerList, securityFromEnv } from '../kafka';
import type { HaPrisma } from '../db/prisma';
import type { Logger } from '../log/logger';
import { UnavailableError } from '../errors';

export const BROKERS_KEY = 'brokers';

export interface NodeCallInit {
  method?: string;
  body?: unknown;
  timeoutMs?: number;
}

/**
 * The core's view of the running cluster: Kafka (brokers from the global config, reconnected
 * when they change) and the mailstore nodes' HTTP APIs (addresses from mailstore_server).
 */
export class ClusterClient {
  private kafka?: { brokers: string; kafka: Kafka; admin: KafkaAdmin; producer: EventProducer; partitions?: number };

  constructor(private readonly prisma: HaPrisma, private readonly log: Logger) {}

  async brokers(): Promise<string[]> {
    const row = await this.prisma.globalConfig.findUnique({ where: { key: BROKERS_KEY } });
    if (!row) throw new UnavailableError('No Kafka brokers are configured: run carbonio config set global brokers "host:9092,..."');
    return parseBrokerList(row.value);
  }

  /** Kafka handles for the current broker list (re-created if the list changed). */
  async kafkaHandles() {
    const brokers = (await this.brokers()).join(',');
    if (this.kafka?.brokers !== brokers) {
      await this.closeKafka();
      const kafka = createKafka({ brokers: brokers.split(','), clientId: 'carbonio-ha-core', ...securityFromEnv() }, this.log);
      const admin = new KafkaAdmin(kafka);
      const state: NonNullable<ClusterClient['kafka']> = { brokers, kafka, admin, producer: undefined as unknown as EventProducer };
      state.producer = new EventProducer(kafka, () => state.partitions ?? 12, 5000);
      this.kafka = state;
    }
    return this.kafka!;
  }

  /** Partition count of a topic, cached for the producer's partitioner. */
  async partitions(topic: string): Promise<number> {
    const h = await this.kafkaHandles();
    if (!h.partitions) h.partitions = await h.admin.partitionCount(topic);
    return h.partitions;
  }

  /** Calls a mailstore node's HTTP API; fails with UnavailableError when it does not answer. */
  async callNode<T>(host: string, path: string, init: NodeCallInit = {}): Promise<T> {
    const server = await this.prisma.mailstoreServer.findUnique({ where: { host } });
    if (!server) throw new UnavailableError(`Unknown mailstore ${host}`);
    return this.callNodeAt<T>(server, path, init);
  }

  /** The same, for a node whose API address the caller already has. */
  async callNodeAt<T>(server: { host: string; apiUrl: string }, path: string, init: NodeCallInit = {}): Promise<T> {
    const { host } = server;
    let res: Response;
    try {
      res = await fetch(`${server.apiUrl}${path}`, {
        method: init.method ?? (init.body ? 'POST' : 'GET'),
        headers: init.body ? { 'content-type': 'application/json' } : undefined,
        body: init.body ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new UnavailableError(`Mailstore ${host} does not answer at ${server.apiUrl}: ${(err as Error).message}`, err);
    }
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const message = json?.error?.message ?? `HTTP ${res.status}`;
      throw new UnavailableError(`Mailstore ${host} answered ${res.status}: ${message}`);
    }
    return json as T;
  }

  private async closeKafka() {
    if (this.kafka) {
      await this.kafka.producer.disconnect();
      await this.kafka.admin.disconnect();
      this.kafka = undefined;
    }
  }

  async close() {
    await this.closeKafka();
  }
}

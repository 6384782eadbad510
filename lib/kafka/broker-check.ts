import net from 'node:net';
import type { Kafka } from 'kafkajs';
import type { KafkaSettingsInput } from './settings';
import { createKafka } from './client';
import { describeKafkaError, explainKafkaFailure } from './explain-error';
import { silentLogger } from '../log/logger';

export interface BrokerCheck {
  broker: string;
  reachable: boolean;
  /** Round trip of a metadata request, when reachable. */
  latencyMs?: number;
  /** Broker id and the cluster's size as this broker reports them. */
  nodeId?: number;
  clusterSize?: number;
  error?: string;
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const done = (err?: Error) => {
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('connect', () => done());
    socket.once('error', (e) => done(e));
  });
}

/** Connects to each broker on its own and asks it for the cluster's metadata. */
export async function checkBrokers(brokers: string[], security: Omit<KafkaSettingsInput, 'brokers'> = {}, timeoutMs = 3000): Promise<BrokerCheck[]> {
  return Promise.all(
    brokers.map(async (broker): Promise<BrokerCheck> => {
      const [host, portText] = broker.split(':');
      const t0 = performance.now();
      try {
        await tcpProbe(host, Number(portText), timeoutMs);
      } catch (err) {
        return { broker, reachable: false, error: `cannot open a TCP connection: ${(err as Error).message}` };
      }
      const kafka: Kafka = createKafka({ ...security, brokers: [broker], connectionTimeoutMs: timeoutMs, requestTimeoutMs: timeoutMs }, silentLogger);
      const admin = kafka.admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        const latencyMs = Math.round(performance.now() - t0);
        const self = cluster.brokers.find((b) => `${b.host}:${b.port}` === broker) ?? cluster.brokers[0];
        return { broker, reachable: true, latencyMs, nodeId: self?.nodeId, clusterSize: cluster.brokers.length };
      } catch (err) {
        const error = explainKafkaFailure(err) ? describeKafkaError(err) : `the port answers but not as a Kafka broker: ${(err as Error).message}`;
        return { broker, reachable: false, error };
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }),
  );
}


import { rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../lib/config/paths';
import { killKafkaNode, startKafka, stopKafka, type KafkaClusterOptions } from '../../../lib/stack/kafka-cluster';
import { ensureKafkaTlsMaterial, type KafkaTlsMaterial } from '../../../lib/stack/kafka-security';

/**
 * A Kafka of a fault or security test's own (never the shared test broker at 19092, which other
 * tests use): its files under .data/test/<name>, its own ports, started empty and removed after.
 */
export interface DedicatedKafka {
  opts: KafkaClusterOptions;
  brokers: string[];
  /** The CA file clients trust, when the listener speaks TLS. */
  caFile?: string;
  start(): Promise<void>;
  kill(nodeId: number): number | undefined;
  stop(): Promise<void>;
  /** Stops every node and deletes the cluster's files. */
  destroy(): Promise<void>;
}

export async function startDedicatedKafka(name: string, o: { basePort: number; brokers?: 1 | 3; scram?: { username: string; password: string }; tls?: boolean }): Promise<DedicatedKafka> {
  const dir = path.join(projectRoot(), '.data', 'test', name);
  let tls: KafkaTlsMaterial | undefined;
  const opts: KafkaClusterOptions = {
    dir, libDir: path.join(projectRoot(), '.data', 'kafka', 'libs'), brokers: o.brokers ?? 1, basePort: o.basePort, heapMb: 384, scram: o.scram,
  };
  await stopKafka(opts, 10_000);
  rmSync(dir, { recursive: true, force: true });
  if (o.tls) tls = ensureKafkaTlsMaterial(path.join(dir, 'tls'));
  opts.tls = tls;
  const { brokers } = await startKafka(opts);
  return {
    opts, brokers, caFile: tls?.caFile,
    async start() {
      await startKafka(opts);
    },
    kill: (nodeId) => killKafkaNode(opts, nodeId),
    stop: () => stopKafka(opts, 20_000),
    async destroy() {
      await stopKafka(opts, 10_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config/paths';
import { checkBrokers, createKafka, KafkaAdmin } from '../kafka';
import { silentLogger } from '../log/logger';
import { clusterLayout, kafkaStatus, startKafka, stopKafka, type KafkaClusterOptions } from './kafka-cluster';

const base = path.join(projectRoot(), '.data', 'test', 'kafka-stack');
const libDir = path.join(projectRoot(), '.data', 'kafka', 'libs');
const single: KafkaClusterOptions = { dir: path.join(base, 'single'), libDir, brokers: 1, basePort: 29092, heapMb: 256 };
const triple: KafkaClusterOptions = { dir: path.join(base, 'triple'), libDir, brokers: 3, basePort: 29192, heapMb: 256 };

afterAll(async () => {
  await stopKafka(single);
  await stopKafka(triple);
  rmSync(base, { recursive: true, force: true });
});

describe('the project-run Kafka', () => {
  it('starts a single broker that answers, stops cleanly, and reuses its data on a second start', async () => {
    rmSync(single.dir, { recursive: true, force: true });
    const { brokers, started } = await startKafka(single);
    expect(started).toEqual([1]);
    const admin = new KafkaAdmin(createKafka({ brokers }, silentLogger));
    await admin.ensureTopics([{ topic: 'stack.check', numPartitions: 2, replicationFactor: 1 }]);
    await admin.disconnect();
    await stopKafka(single);
    expect((await kafkaStatus(single)).running).toBe(false);
    await startKafka(single);
    const again = new KafkaAdmin(createKafka({ brokers }, silentLogger));
    expect(await again.partitionCount('stack.check')).toBe(2);
    await again.disconnect();
    const second = await startKafka(single);
    expect(second.started).toEqual([]);
    await stopKafka(single);
  });

  it('names the port and the fix when the port is taken, without hanging', async () => {
    const blocker = net.createServer().listen(29292, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const opts = { ...single, dir: path.join(base, 'busy'), basePort: 29292 };
    const t0 = Date.now();
    await expect(startKafka(opts)).rejects.toThrow(/Port 29292 .* already in use/);
    expect(Date.now() - t0).toBeLessThan(30_000);
    blocker.close();
  });

  it('names the data folder and the fix when it is corrupt', async () => {
    const opts = { ...single, dir: path.join(base, 'corrupt'), basePort: 29392 };
    const node = clusterLayout(opts).nodes[0];
    mkdirSync(path.join(node.dir, 'data'), { recursive: true });
    writeFileSync(path.join(node.dir, 'data', 'meta.properties'), 'garbage');
    await expect(startKafka(opts)).rejects.toThrow(/corrupt.*rm -rf/s);
  });

  it('explains a missing Java', async () => {
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = '/nonexistent-java';
    try {
      await expect(startKafka({ ...single, dir: path.join(base, 'nojava'), basePort: 29492 })).rejects.toThrow(/Java was not found.*openjdk/);
    } finally {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
    }
  });

  it('runs three brokers with replication factor 3 and min.insync.replicas 2', async () => {
    const { brokers } = await startKafka(triple);
    expect(brokers).toHaveLength(3);
    const checks = await checkBrokers(brokers);
    expect(checks.every((c) => c.reachable && c.clusterSize === 3)).toBe(true);
    const kafka = createKafka({ brokers }, silentLogger);
    const admin = new KafkaAdmin(kafka);
    await admin.ensureTopics([{ topic: 'stack.rf3', numPartitions: 3, replicationFactor: 3, minInsyncReplicas: 2 }]);
    expect(await admin.partitionCount('stack.rf3')).toBe(3);
    await admin.disconnect();
  });
});

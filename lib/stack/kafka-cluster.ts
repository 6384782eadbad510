import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkBrokers } from '../kafka';
import { ensureKafkaJars } from './kafka-jars';
import { brokerList, LOG4J2_PROPERTIES, serverProperties, type KafkaClusterLayout, type KafkaNodeLayout } from './kafka-config';
import { findJava, StackError } from './java';
import type { KafkaTlsMaterial } from './kafka-security';
import { sleep } from '../util/sleep';
import { isAlive, portOpen, readPid, spawnDetached, stopPid, tail } from './processes';

export interface KafkaClusterOptions {
  /** Root of this cluster's files, e.g. .data/kafka/single */
  dir: string;
  /** Shared jar folder, e.g. .data/kafka/libs */
  libDir: string;
  brokers: 1 | 3;
  basePort?: number;
  host?: string;
  partitions?: number;
  heapMb?: number;
  scram?: { username: string; password: string };
  /** TLS on the broker listener (lib/stack/kafka-security.ts ensureKafkaTlsMaterial). */
  tls?: KafkaTlsMaterial;
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

export function clusterLayout(o: KafkaClusterOptions): KafkaClusterLayout {
  const base = o.basePort ?? 9092;
  const nodes: KafkaNodeLayout[] = Array.from({ length: o.brokers }, (_, i) => ({
    nodeId: i + 1,
    brokerPort: base + i * 2,
    controllerPort: base + i * 2 + 1,
    dir: path.join(o.dir, `node-${i + 1}`),
  }));
  return { name: path.basename(o.dir), host: o.host ?? '127.0.0.1', nodes, partitions: o.partitions ?? 12, scram: o.scram, tls: o.tls };
}

const pidFile = (n: KafkaNodeLayout) => path.join(n.dir, 'kafka.pid');
const logFile = (n: KafkaNodeLayout) => path.join(n.dir, 'server.log');

function readClusterId(dir: string): string {
  const f = path.join(dir, 'cluster.id');
  if (!existsSync(f)) writeFileSync(f, randomUUID().replace(/-/g, '').slice(0, 22));
  return readFileSync(f, 'utf8').trim();
}

/** Checks a node's data folder; formats it when new; explains how to fix a corrupt one. */
function prepareStorage(java: string, cp: string, layout: KafkaClusterLayout, node: KafkaNodeLayout, clusterId: string, props: string) {
  const data = path.join(node.dir, 'data');
  const meta = path.join(data, 'meta.properties');
  if (existsSync(meta)) {
    const text = readFileSync(meta, 'utf8');
    const id = /cluster\.id=(\S+)/.exec(text)?.[1];
    const nodeId = /node\.id=(\d+)/.exec(text)?.[1];
    if (!id || !nodeId) throw new StackError(`Kafka data folder ${data} is corrupt (meta.properties is unreadable). Delete it to start with empty topics: rm -rf ${node.dir}`);
    if (id !== clusterId || Number(nodeId) !== node.nodeId) {
      throw new StackError(`Kafka data folder ${data} belongs to another cluster (cluster.id ${id}, node ${nodeId}). Delete it to start fresh: rm -rf ${layout.nodes.length > 1 ? path.dirname(node.dir) : node.dir}`);
    }
    return;
  }
  if (existsSync(data) && readdirSync(data).length > 0) {
    throw new StackError(`Kafka data folder ${data} is corrupt (files but no meta.properties). Delete it to start fresh: rm -rf ${node.dir}`);
  }
  const args = ['-cp', cp, `-Dlog4j2.configurationFile=${path.join(node.dir, 'log4j2.properties')}`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', props];
  if (layout.nodes.length === 1) args.push('--standalone');
  if (layout.scram) args.push('--add-scram', `SCRAM-SHA-256=[name=${layout.scram.username},password=${layout.scram.password}]`);
  try {
    execFileSync(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new StackError(`Formatting Kafka storage in ${data} failed: ${String(e.stdout ?? '')}${String(e.stderr ?? '')}`.slice(0, 1500));
  }
}

export interface KafkaStatus {
  running: boolean;
  brokers: string[];
  nodes: { nodeId: number; pid?: number; alive: boolean; port: number; answering: boolean }[];
}

export async function kafkaStatus(o: KafkaClusterOptions): Promise<KafkaStatus> {
  const layout = clusterLayout(o);
  const nodes = await Promise.all(
    layout.nodes.map(async (n) => {
      const pid = readPid(pidFile(n));
      return { nodeId: n.nodeId, pid, alive: pid !== undefined && isAlive(pid), port: n.brokerPort, answering: await portOpen(n.brokerPort, layout.host) };
    }),
  );
  return { running: nodes.every((n) => n.alive && n.answering), brokers: brokerList(layout), nodes };
}

/**
 * Starts every node of the cluster that is not running and returns once each broker answers a
 * metadata request. Reuses existing data. Fails fast, naming the fix, on a missing Java, a
 * port held by another process or a corrupt data folder.
 */
export async function startKafka(o: KafkaClusterOptions): Promise<{ brokers: string[]; started: number[] }> {
  const log = o.log ?? (() => undefined);
  const layout = clusterLayout(o);
  const java = findJava();
  const cp = ensureKafkaJars(o.libDir, log);
  mkdirSync(o.dir, { recursive: true });
  const clusterId = readClusterId(o.dir);
  const started: number[] = [];
  for (const node of layout.nodes) {
    mkdirSync(node.dir, { recursive: true });
    const pid = readPid(pidFile(node));
    if (pid && isAlive(pid)) continue;
    for (const port of [node.brokerPort, node.controllerPort]) {
      if (await portOpen(port, layout.host)) {
        throw new StackError(`Port ${port} on ${layout.host} is already in use by another process, so Kafka node ${node.nodeId} cannot listen there. Stop that process (ss -ltnp 'sport = :${port}') or choose other ports.`);
      }
    }
    const props = path.join(node.dir, 'server.properties');
    writeFileSync(props, serverProperties(layout, node));
    writeFileSync(path.join(node.dir, 'log4j2.properties'), LOG4J2_PROPERTIES);
    prepareStorage(java, cp, layout, node, clusterId, props);
    spawnDetached(java, [`-Xmx${o.heapMb ?? 512}m`, `-Xms${Math.min(o.heapMb ?? 512, 256)}m`, '-XX:+UseG1GC', '-cp', cp,
      `-Dlog4j2.configurationFile=${path.join(node.dir, 'log4j2.properties')}`, 'kafka.Kafka', props], { logFile: logFile(node), pidFile: pidFile(node) });
    started.push(node.nodeId);
    log(`Kafka node ${node.nodeId} starting on ${layout.host}:${node.brokerPort}`);
  }
  await waitForBrokers(o, layout, o.startTimeoutMs ?? 90_000);
  return { brokers: brokerList(layout), started };
}

async function waitForBrokers(o: KafkaClusterOptions, layout: KafkaClusterLayout, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const security = {
    ...(layout.scram ? { sasl: { mechanism: 'scram-sha-256' as const, ...layout.scram } } : {}),
    ...(layout.tls ? { tls: { ca: readFileSync(layout.tls.caFile, 'utf8') } } : {}),
  };
  while (Date.now() < deadline) {
    for (const n of layout.nodes) {
      const pid = readPid(pidFile(n));
      if (!pid || !isAlive(pid)) {
        throw new StackError(`Kafka node ${n.nodeId} exited during start-up. Last lines of ${logFile(n)}:\n${tail(logFile(n))}\n` +
          'If it names a corrupt or inconsistent log directory, delete the cluster folder to start fresh: rm -rf ' + o.dir);
      }
    }
    const checks = await checkBrokers(brokerList(layout), security, 2000);
    if (checks.every((c) => c.reachable && (c.clusterSize ?? 0) >= layout.nodes.length)) return;
    await sleep(300);
  }
  throw new StackError(`Kafka did not answer within ${Math.round(timeoutMs / 1000)} s. See ${layout.nodes.map(logFile).join(', ')}`);
}

/** Stops every node cleanly (SIGTERM, controlled shutdown), SIGKILL after a grace period. */
export async function stopKafka(o: KafkaClusterOptions, graceMs = 30_000) {
  const layout = clusterLayout(o);
  await Promise.all(layout.nodes.map(async (n) => {
    const pid = readPid(pidFile(n));
    if (pid) await stopPid(pid, graceMs);
  }));
}

/** SIGKILLs one node (fault tests) and returns its pid. */
export function killKafkaNode(o: KafkaClusterOptions, nodeId: number): number | undefined {
  const node = clusterLayout(o).nodes.find((n) => n.nodeId === nodeId);
  const pid = node ? readPid(pidFile(node)) : undefined;
  if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  return pid;
}

import { createKafka, EVENTS_TOPIC, KafkaAdmin } from '../../kafka';
import { silentLogger } from '../../log/logger';
import type { BenchContext } from '../context';
import { describeStealPair, withCpuShare, type CpuShare, type Measured } from '../cpu-times';
import { directProduceRate } from '../limits';
import { followProgress } from '../progress';
import { ratioAtLeast, result, type BenchResult } from '../result';
import { writeBacklog, type SyntheticLoad } from '../synthetic-events';

export const PUBLISH_GOAL = ratioAtLeast(0.5);

/**
 * The warm-up of the throughput runs: a small backlog of the same kind published by the `other`
 * mailstore and applied by the destination, so that neither the relay's nor the agent's code is
 * measured cold (the limits warm up too).
 */
async function warmUpThroughputPath(b: BenchContext, accountIds: string[]) {
  const { nodes, db } = b.world;
  await nodes.destination.module('stop');
  await nodes.other.module('stop');
  const appliedBefore = (await nodes.destination.agentStats()).applied;
  const warm = await writeBacklog(db.other, accountIds, b.profile.throughputWarmupPerAccount);
  await nodes.destination.module('start');
  await nodes.other.module('start');
  await followProgress({
    total: warm.records.length, what: 'warming up (publishing and applying a small backlog)', timeoutMs: 300_000,
    read: async () => (await nodes.destination.agentStats()).applied - appliedBefore,
  });
}

/**
 * After the warm-up, puts a backlog of committed writes in the outbox of the `other` mailstore
 * while its HA module is stopped (the destination's agent is stopped too: the apply run drains
 * it later), starts the module and follows the relay's published counter. Returns the steady
 * rate (10%..90%).
 */
export async function publishBacklog(b: BenchContext): Promise<{ load: SyntheticLoad; rate: number; seconds: number; cpu?: CpuShare }> {
  const { nodes, db } = b.world;
  const accounts = await b.fixtures.throughputAccounts();
  await warmUpThroughputPath(b, accounts.map((a) => a.id));
  await nodes.destination.module('stop');
  await nodes.other.module('stop');
  const load = await writeBacklog(db.other, accounts.map((a) => a.id), b.profile.eventsPerAccount);
  const before = (await nodes.other.relayStats()).published;
  b.rss.start();
  try {
    const { value: p, cpu } = await withCpuShare(async () => {
      await nodes.other.module('start');
      return followProgress({
        total: load.records.length, what: 'publishing the backlog', timeoutMs: 600_000,
        read: async () => (await nodes.other.relayStats()).published - before,
      });
    });
    b.fixtures.backlog = load;
    return { load, rate: p.rate, seconds: p.seconds, cpu };
  } finally {
    b.rss.stop();
  }
}

/** Publish throughput: outbox to Kafka acknowledgement, against kafkajs sending the same records directly. */
export async function publishScenario(b: BenchContext): Promise<BenchResult[]> {
  const { load, rate, seconds, cpu } = await publishBacklog(b);
  const kafka = createKafka({ brokers: b.world.infra.brokers, clientId: 'carbonio-bench-limit' }, silentLogger);
  const admin = new KafkaAdmin(kafka);
  let limit: Measured<number>;
  try {
    const partitions = await admin.partitionCount(EVENTS_TOPIC);
    limit = await withCpuShare(() => directProduceRate(kafka, admin, partitions, load.records));
  } finally {
    await admin.disconnect();
  }
  const bytes = load.records.reduce((s, r) => s + Buffer.byteLength(r.value), 0) / load.records.length;
  return [result({
    name: 'publish throughput', value: rate, unit: 'events/s', goal: PUBLISH_GOAL, limit: limit.value,
    detail: `${load.records.length} CreateMessage events of ${b.profile.throughputAccounts} accounts (${Math.round(bytes)} B each) from the outbox, ` +
      `all acknowledged in ${seconds.toFixed(1)} s; limit: kafkajs sending the same records, 500 per request, as the relay does${describeStealPair(cpu, limit.cpu)}`,
  })];
}

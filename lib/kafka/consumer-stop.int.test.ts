import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { sleep } from '../util/sleep';
import { createKafka } from './client';
import { EventConsumer } from './consumer';
import { KafkaAdmin } from './admin';

// A consumer stopped while it is still joining its group must not join it anyway. kafkajs 2.2.4
// forgets a runner stopped mid-join, and that runner then joined and held its partitions without
// delivering them, for as long as the process lived: an agent that reconnected at such a moment
// (the broker list changed twice in a row) left part of its replicas without events, and
// promotions to that mailstore timed out. Before the fix, stops 0-2 ms into start() left a
// member behind.
const brokers = () => process.env.CARBONIO_TEST_BROKERS!.split(',');
const topic = `stop-test-${randomUUID().slice(0, 8)}`;
let kafka: ReturnType<typeof createKafka>;
let admin: KafkaAdmin;

beforeAll(async () => {
  kafka = createKafka({ brokers: brokers(), clientId: 'stop-test' }, silentLogger);
  admin = new KafkaAdmin(kafka);
  await admin.ensureTopics([{ topic, numPartitions: 3, replicationFactor: 1 }]);
});
afterAll(async () => {
  await admin.disconnect();
});

it('a consumer stopped at any moment of its start leaves no member in its group, and its start does not resolve as live', async () => {
  const outcomes: string[] = [];
  for (const delayMs of [0, 0, 1, 1, 2, 2, 3, 5, 8, 12, 20, 40]) {
    const groupId = `${topic}-${delayMs}-${outcomes.length}`;
    const c = new EventConsumer(kafka, groupId);
    const started = c.start(topic, async () => undefined).then(() => 'live', (e: Error) => e.message);
    await sleep(delayMs);
    await c.stop();
    const outcome = await started;
    // Stopped before it joined: start() says so; joined first: it was live, then left.
    expect(outcome === 'live' || /stopped while joining/.test(outcome), outcome).toBe(true);
    outcomes.push(outcome === 'live' ? 'live' : 'stopped');
    // A runner that joins late does so within a second or two of the stop.
    await sleep(1500);
    expect(await admin.groupMembers(groupId), `stopped ${delayMs} ms into start()`).toMatchObject({ members: 0 });
  }
  console.log(`[consumer-stop] start() outcomes by stop delay: ${outcomes.join(', ')}`);
}, 120_000);

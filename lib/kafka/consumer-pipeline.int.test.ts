import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { createKafka } from './client';
import { EventConsumer, type IncomingBatch } from './consumer';
import { KafkaAdmin } from './admin';
import { EventProducer } from './producer';

// The agent's consumer hands batches over in groups and fetches on while a group is handled:
// one handler call covers several partitions, offsets are committed only after it resolved, a
// failed handler commits nothing and is reported as a crash.
const brokers = () => process.env.CARBONIO_TEST_BROKERS!.split(',');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const open: { stop(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.stop();
});

async function setup(partitions: number) {
  const topic = `pipeline-test-${randomUUID().slice(0, 8)}`;
  const kafka = createKafka({ brokers: brokers(), clientId: 'pipeline-test' }, silentLogger);
  const admin = new KafkaAdmin(kafka);
  await admin.ensureTopics([{ topic, numPartitions: partitions, replicationFactor: 1 }]);
  const producer = new EventProducer(kafka, () => partitions, 10_000);
  open.push({ stop: () => admin.disconnect() }, { stop: () => producer.disconnect() });
  const send = (tag: string, n: number) => producer.send(topic, Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `${tag}-${i}` })));
  const groupId = `${topic}-group`;
  const committed = async () => [...(await admin.groupOffsets(groupId, topic)).values()].reduce((s, o) => s + Math.max(o, 0), 0);
  /** A new member of the test's group, stopped after the test. */
  const member = () => {
    const consumer = new EventConsumer(kafka, groupId);
    open.push(consumer);
    return consumer;
  };
  return { topic, send, committed, member };
}

it('hands the batches of several partitions over in one call, holds later records back while it runs, and commits after it', async () => {
  const { topic, send, committed, member } = await setup(4);
  await send('first', 40);
  const consumer = member();
  const calls: IncomingBatch[][] = [];
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await consumer.start(topic, async (batches) => {
    calls.push(batches);
    if (calls.length === 1) await held;
  });
  await until('the first group', () => calls.length === 1);
  expect(new Set(calls[0].map((b) => b.partition)).size).toBeGreaterThan(1);
  expect(calls[0].flatMap((b) => b.records)).toHaveLength(40);
  // The first group is still being handled: records written now are fetched, not handed over,
  // and nothing is committed.
  await send('second', 8);
  await sleep(1500);
  expect(calls).toHaveLength(1);
  expect(await committed()).toBe(0);
  release();
  await until('the second group', () => calls.flatMap((c) => c.flatMap((b) => b.records)).length === 48);
  await until('the commits', async () => (await committed()) === 48);
  expect(calls.flat().flatMap((b) => b.records).map((r) => r.value!.toString()).filter((v) => v.startsWith('second'))).toHaveLength(8);
});

it('commits nothing of a group whose handler failed, reports a crash, and a new member reads it again', async () => {
  const { topic, send, committed, member } = await setup(2);
  await send('kept', 10);
  const first = member();
  let crash: Error | undefined;
  first.onCrash((e) => (crash = e));
  await first.start(topic, async () => {
    throw new Error('the database refused the group');
  });
  await until('the crash report', () => crash !== undefined);
  expect(crash!.message).toBe('the database refused the group');
  await first.stop();
  expect(await committed()).toBe(0);

  const second = member();
  const read: string[] = [];
  await second.start(topic, async (batches) => void read.push(...batches.flatMap((b) => b.records.map((r) => r.value!.toString()))));
  await until('every record, again', () => read.length === 10);
  expect(read.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `kept-${i}`).sort());
  await until('the commits', async () => (await committed()) === 10);
});

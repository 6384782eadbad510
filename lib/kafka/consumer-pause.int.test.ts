import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { createKafka } from './client';
import { EventConsumer, type IncomingRecord } from './consumer';
import { KafkaAdmin } from './admin';
import { EventProducer } from './producer';

// The consumer an idle agent uses: paused, it stays in its group and reads nothing; resumed with
// a time, each of its partitions moves forward to the first record written at or after it, and
// the group commits that position.
const brokers = () => process.env.CARBONIO_TEST_BROKERS!.split(',');
const topic = `pause-test-${randomUUID().slice(0, 8)}`;
const groupId = `${topic}-group`;
let admin: KafkaAdmin;
let producer: EventProducer;
let consumer: EventConsumer;
const seen: IncomingRecord[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean, ms = 30_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
async function untilAsync(what: string, check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
const send = (tag: string, n: number) => producer.send(topic, Array.from({ length: n }, (_, i) => ({ key: `k${i % 7}`, value: `${tag}-${i}` })));
const values = () => seen.map((r) => r.value!.toString());

beforeAll(async () => {
  const kafka = createKafka({ brokers: brokers(), clientId: 'pause-test' }, silentLogger);
  admin = new KafkaAdmin(kafka);
  await admin.ensureTopics([{ topic, numPartitions: 3, replicationFactor: 1 }]);
  producer = new EventProducer(kafka, () => 3, 10_000);
  consumer = new EventConsumer(kafka, groupId, { checkMs: 200, stallMs: 1000 });
  let crashed: Error | undefined;
  consumer.onCrash((e) => (crashed = e));
  await consumer.start(topic, async (batches) => void seen.push(...batches.flatMap((b) => b.records)));
  await send('first', 30);
  await until('the first records', () => seen.length === 30);
  expect(crashed).toBeUndefined();
});
afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await admin?.disconnect();
});

it('paused, reads nothing and is not reported stalled; resumed after a time, skips what was written before it', async () => {
  let crashed: Error | undefined;
  consumer.onCrash((e) => (crashed = e));
  consumer.pause();
  expect(consumer.paused).toBe(true);
  await sleep(300);
  await send('while-paused-old', 20);
  await sleep(50);
  const cut = Date.now();
  await sleep(50);
  await send('while-paused-new', 10);
  await sleep(2000); // well past the watchdog's stall time
  expect(seen).toHaveLength(30);
  expect(crashed).toBeUndefined();

  await consumer.resume(cut);
  expect(consumer.paused).toBe(false);
  // The group committed the new position before fetching again: a new member would skip too.
  const [from, committedAtResume] = [await admin.offsetsAt(topic, cut), await admin.groupOffsets(groupId, topic)];
  expect([...from].every(([p, offset]) => (committedAtResume.get(p) ?? -1) >= offset)).toBe(true);
  await send('after', 5);
  await until('the records after the cut', () => values().filter((v) => v.startsWith('after')).length === 5);
  const read = values().slice(30);
  expect(read.filter((v) => v.startsWith('while-paused-old'))).toEqual([]);
  expect(read.filter((v) => v.startsWith('while-paused-new')).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `while-paused-new-${i}`).sort());
  // (The handler sees records before the consumer commits them: wait for the commits.)
  await until('the records', () => values().length === 45);
  const atEnd = async () => {
    const [committed, ends] = [await admin.groupOffsets(groupId, topic), await admin.highWatermarks(topic)];
    return [...ends].every(([p, end]) => committed.get(p) === end);
  };
  await untilAsync('the group to commit the end of every partition', atEnd);
  expect(await atEnd()).toBe(true);
});

it('resumed without a time, reads everything written while paused', async () => {
  const before = seen.length;
  consumer.pause();
  await send('kept', 12);
  await sleep(500);
  expect(seen).toHaveLength(before);
  await consumer.resume();
  await until('the records written while paused', () => seen.length === before + 12);
  expect(values().slice(before).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `kept-${i}`).sort());
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { getAccountStatus, restartReplicas, setAccountDestination, verifyAccount, waitForOperation } from '../ha';
import { ACCOUNT_HEADER, createKafka, DLQ_TOPIC, EVENTS_TOPIC, EventProducer, KafkaAdmin, readPartitionRange, type Kafka } from '../kafka';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createAccounts, resetAgentGroups, waitFor } from './agent-test-env';
import { DLQ_REASON_HEADER, type DeadLetter } from './dlq';
import { encodeEvent } from './codec';

const SRC = 'mbox1.rep-dlq.test';
const DST = 'mbox2.rep-dlq.test';
const NAMES = ['ada@rep-dlq.test', 'bob@rep-dlq.test', 'cyd@rep-dlq.test'];
let env: TestEnv;
let ha: HaContextHandle;
let kafka: Kafka;
let admin: KafkaAdmin;
let producer: EventProducer;
let dstDb: Pool;
let ids: string[];

beforeAll(async () => {
  env = await createTestEnv('rep_dlq');
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST]);
  await env.startNode(SRC);
  await env.startNode(DST);
  await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 10 } });
  ids = (await createAccounts(env.prisma, SRC, NAMES)).map((a) => a.id);
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-dlq.test', role: 'global_admin', origin: 'cli' }, log: env.log });
  kafka = createKafka({ brokers: env.brokers }, env.log);
  admin = new KafkaAdmin(kafka);
  const partitions = await admin.partitionCount(EVENTS_TOPIC);
  producer = new EventProducer(kafka, () => partitions, 5000);
  dstDb = createPool(env.mailstoreDbUrl(DST), { connectionLimit: 2 });
  await runTraffic({ haDbUrl: env.haDbUrl, accounts: NAMES, rate: 60, seconds: 2 });
  const ref = await setAccountDestination(ha, { destination: DST, priority: 5, accounts: NAMES });
  expect((await waitForOperation(ha, ref.operationId, { timeoutMs: 60_000 })).state).toBe('succeeded');
});
afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await dstDb?.end();
  await ha?.close();
  await env?.cleanup();
});

async function deadLettersSince(from: number, accountId: string): Promise<{ reason: string; letter: DeadLetter }[]> {
  const to = (await admin.highWatermarks(DLQ_TOPIC)).get(0) ?? 0;
  const records = await readPartitionRange(kafka, DLQ_TOPIC, 0, from, to);
  return records.filter((r) => r.headers[ACCOUNT_HEADER] === accountId)
    .map((r) => ({ reason: r.headers[DLQ_REASON_HEADER], letter: JSON.parse(r.value!.toString()) as DeadLetter }));
}

it('an undecodable event goes to the DLQ with its reason, its replica fails readably, the others keep replicating', async () => {
  const from = (await admin.highWatermarks(DLQ_TOPIC)).get(0) ?? 0;
  await producer.send(EVENTS_TOPIC, [{ key: ids[0], value: '{"v":1, this is not json', headers: { [ACCOUNT_HEADER]: ids[0] } }]);
  const replica = await waitFor('the replica to turn failed', async () => {
    const r = await env.prisma.replica.findFirst({ where: { accountId: ids[0] } });
    return r?.state === 'failed' ? r : undefined;
  }, 30_000);
  expect(replica.lastError).toMatch(/rejected: not JSON/);
  const letters = await waitFor('the dead letter', async () => {
    const l = await deadLettersSince(from, ids[0]);
    return l.length ? l : undefined;
  }, 20_000);
  expect(letters[0].reason).toMatch(/not JSON/);
  expect(letters[0].letter).toMatchObject({ accountId: ids[0], agent: DST, topic: EVENTS_TOPIC, value: '{"v":1, this is not json' });

  await runTraffic({ haDbUrl: env.haDbUrl, accounts: NAMES, rate: 60, seconds: 2 });
  for (const name of [NAMES[1], NAMES[2]]) expect((await verifyAccount(ha, { account: name })).replicas[0].equal).toBe(true);
  const status = await waitFor('the status to show the failure', async () => {
    const s = await getAccountStatus(ha, { replicaStatus: 'unavailable' });
    return s.total === 1 && s.accounts[0].replicas[0].lastError ? s : undefined;
  }, 10_000);
  expect(status.accounts[0]).toMatchObject({ accountName: NAMES[0] });
  expect(status.accounts[0].replicas[0]).toMatchObject({ state: 'failed', available: false });
  expect(status.accounts[0].replicas[0].lastError).toMatch(/not JSON/);
});

it('an event the database refuses is isolated to its account and dead-lettered; restart re-initialises the replica', async () => {
  const from = (await admin.highWatermarks(DLQ_TOPIC)).get(0) ?? 0;
  const [pos] = await dstDb.query('SELECT applied_seq, epoch FROM replica_position WHERE account_id = ?', [ids[1]]);
  const bad = {
    v: 1 as const, accountId: ids[1], mailboxId: 1, epoch: pos.epoch, seq: pos.applied_seq + 1, txId: 'poison-1', op: 'CreateFolder' as const, ts: Date.now(),
    payload: {
      mailbox: { item_id_checkpoint: 99999, change_checkpoint: pos.applied_seq + 1, size_checkpoint: 0, contact_count: 0 },
      // date is an unsigned 32-bit column: the database refuses this row although the envelope is valid.
      upserts: [{ id: 99999, type: 1, parent_id: 11, folder_id: 11, date: 9_999_999_999, size: 0, locator: null, blob_digest: null, unread: 0, flags: 0, tags: '',
        sender: null, recipients: null, subject: null, name: 'poison', metadata: null, mod_metadata: 1, change_date: 1, mod_content: 1, uuid: null }],
      deletes: [], tombstones: [],
    },
  };
  await producer.send(EVENTS_TOPIC, [encodeEvent(bad)]);
  const replica = await waitFor('the replica to turn failed', async () => {
    const r = await env.prisma.replica.findFirst({ where: { accountId: ids[1] } });
    return r?.state === 'failed' ? r : undefined;
  }, 30_000);
  expect(replica.lastError).toMatch(/database refused the event/);
  const letters = await waitFor('the dead letter', async () => {
    const l = await deadLettersSince(from, ids[1]);
    return l.length ? l : undefined;
  }, 20_000);
  expect(letters[0].reason).toMatch(/database refused/);
  expect(JSON.parse(letters[0].letter.value).txId).toBe('poison-1');
  const [{ n }] = await dstDb.query('SELECT COUNT(*) n FROM mail_item WHERE id = 99999');
  expect(Number(n)).toBe(0);
  await runTraffic({ haDbUrl: env.haDbUrl, accounts: [NAMES[2]], rate: 60, seconds: 1 });
  expect((await verifyAccount(ha, { account: NAMES[2] })).replicas[0].equal).toBe(true);

  const restart = await restartReplicas(ha, { accounts: [NAMES[0], NAMES[1]] });
  const op = await waitForOperation(ha, restart.operationId, { timeoutMs: 60_000 });
  expect(op.state).toBe('succeeded');
  for (const name of [NAMES[0], NAMES[1]]) expect((await verifyAccount(ha, { account: name })).replicas[0].equal).toBe(true);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import type { MailstoreNode } from '../node/node';
import { ReplicaAgent } from './agent';
import { addReplica, createAccounts, resetAgentGroups, waitFor } from './agent-test-env';
import { FakeSource } from './agent-test-kit';
import { computeDigest } from './digest';
import { SnapshotTaker } from './snapshot-taker';

const SRC = 'mbox1.rep-snap.test';
const DST = 'mbox2.rep-snap.test';
let env: TestEnv;
let src: MailstoreNode;
let srcDb: Pool;
let dstDb: Pool;

beforeAll(async () => {
  env = await createTestEnv('rep_snap');
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST]);
  src = await env.startNode(SRC, { factories: [(ctx) => [new SnapshotTaker(ctx, { chunkRows: 500 })]] });
  await env.startNode(DST, { factories: [(ctx) => [new ReplicaAgent(ctx)]] });
  srcDb = createPool(env.mailstoreDbUrl(SRC));
  dstDb = createPool(env.mailstoreDbUrl(DST));
});
afterAll(async () => {
  await srcDb?.end();
  await dstDb?.end();
  await env?.cleanup();
});

it('initialises a replica under live traffic and ends byte-for-byte equal to its source', async () => {
  const [acc] = await createAccounts(env.prisma, SRC, ['alice@rep-snap.test']);
  const source = new FakeSource(srcDb, () => src.context().kafka.handles()!.producer, acc.id);
  await source.provision();
  await source.populate(3000);
  let stop = false;
  const traffic = (async () => {
    while (!stop) await source.op();
  })();
  await new Promise((r) => setTimeout(r, 300));
  const replica = await addReplica(env.prisma, acc.id, DST);
  await waitFor('the replica to turn active', async () => (await env.prisma.replica.findUnique({ where: { id: replica.id } }))?.state === 'active');
  await new Promise((r) => setTimeout(r, 500));
  stop = true;
  await traffic;
  expect(source.published).toBeGreaterThan(10);
  const want = (await computeDigest(srcDb, acc.id))!;
  const got = await waitFor('the replica to reach the source sequence', async () => {
    const d = await computeDigest(dstDb, acc.id);
    return d && d.sequence >= want.sequence ? d : undefined;
  }, 20_000);
  expect(got.state).toBe('replica');
  expect(got.mailboxId).not.toBe(undefined);
  expect({ ...got, mailboxId: 0, state: '' }).toEqual({ ...want, mailboxId: 0, state: '' });
  const [pos] = await dstDb.query('SELECT phase, applied_seq, consistent_seq FROM replica_position WHERE account_id = ?', [acc.id]);
  expect(pos.phase).toBe('active');
  expect(pos.applied_seq).toBe(want.sequence);
  const [{ n }] = await dstDb.query('SELECT COUNT(*) n FROM replica_pending_event WHERE account_id = ?', [acc.id]);
  expect(Number(n)).toBe(0);
});

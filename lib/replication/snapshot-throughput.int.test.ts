import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { ReplicaAgent } from './agent';
import { addReplica, createAccounts, resetAgentGroups, waitFor } from './agent-test-env';
import { FakeSource } from './agent-test-kit';
import { computeDigest } from './digest';
import { SnapshotTaker } from './snapshot-taker';

// Initial sync of a 100,000-item mailbox (issue 4's figure: at least 20,000 items/s): from the
// replica's registration to the replica active, then digests compared. Prints the rate.
const SRC = 'mbox1.rep-snapbig.test';
const DST = 'mbox2.rep-snapbig.test';
const ITEMS = 100_000;
let env: TestEnv;
let srcDb: Pool;
let dstDb: Pool;

beforeAll(async () => {
  env = await createTestEnv('rep_snapbig');
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST]);
  await env.startNode(SRC, { factories: [(ctx) => [new SnapshotTaker(ctx)]] });
  await env.startNode(DST, { factories: [(ctx) => [new ReplicaAgent(ctx)]] });
  srcDb = createPool(env.mailstoreDbUrl(SRC), { connectionLimit: 2 });
  dstDb = createPool(env.mailstoreDbUrl(DST), { connectionLimit: 2 });
});
afterAll(async () => {
  await srcDb?.end();
  await dstDb?.end();
  await env?.cleanup();
});

it('initialises a replica of a 100,000-item mailbox and prints the rate', async () => {
  const [acc] = await createAccounts(env.prisma, SRC, ['big@rep-snapbig.test']);
  const source = new FakeSource(srcDb, () => { throw new Error('no live traffic in this test'); }, acc.id);
  await source.provision();
  await source.populate(ITEMS);
  const t0 = Date.now();
  const replica = await addReplica(env.prisma, acc.id, DST);
  const active = await waitFor('the replica to turn active', async () => {
    const r = await env.prisma.replica.findUnique({ where: { id: replica.id } });
    return r?.state === 'active' ? r : undefined;
  }, 540_000, 100);
  const seconds = (Date.now() - t0) / 1000;
  console.log(`[rep] initial sync of ${ITEMS} items: ${seconds.toFixed(1)} s = ${Math.round(ITEMS / seconds)} items/s (registration to active, including the handshake)`);
  expect(active.snapshotItems).toBe(ITEMS + 4);
  const [want, got] = await Promise.all([computeDigest(srcDb, acc.id), computeDigest(dstDb, acc.id)]);
  expect(got!.items).toBe(ITEMS + 4);
  expect(got!.digest).toBe(want!.digest);
}, 600_000);

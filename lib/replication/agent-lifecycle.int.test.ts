import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool';
import { migrateDatabase } from '../db/migrate';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { ReplicaLifecycle } from './agent-lifecycle';
import { addReplica, createAccounts } from './agent-test-env';

// A replica is announced ready (the source may start its snapshot) only once the agent's
// topology cache holds it: the agent drops records of accounts the cache does not know, so a
// snapshot published before the cache's next poll would be lost and the replica would wait forever.
const SRC = 'mbox1.rep-life.test';
const DST = 'mbox2.rep-life.test';
let env: TestEnv;
let db: Pool;
let haDb: Pool;

beforeAll(async () => {
  env = await createTestEnv('rep_life');
  await migrateDatabase(env.mailstoreDbUrl(DST), 'mailstore');
  db = createPool(env.mailstoreDbUrl(DST), { connectionLimit: 2 });
  haDb = createPool(env.haDbUrl, { connectionLimit: 2 });
});
afterAll(async () => {
  await db?.end();
  await haDb?.end();
  await env?.cleanup();
});

/** A topology cache that learns of replicas only when refreshed; `gone` ones are never found. */
function cache(gone: Set<string> = new Set()) {
  const known = new Set<string>();
  const events: string[] = [];
  return {
    events,
    replicaHere: (id: string) => (known.has(id) ? { accountId: id } : undefined),
    refresh: async (ids: string[]) => {
      events.push(`refresh ${ids.join(',')}`);
      for (const id of ids) if (!gone.has(id)) known.add(id);
    },
  };
}

const readyAt = async (replicaId: number) => (await env.prisma.replica.findUniqueOrThrow({ where: { id: replicaId } })).agentReadyAt;

it('refreshes the cache before announcing a replica it does not know yet', async () => {
  const [a] = await createAccounts(env.prisma, SRC, ['ann@rep-life.test']);
  const r = await addReplica(env.prisma, a.id, DST);
  const topology = cache();
  await new ReplicaLifecycle(db, haDb, DST, env.log, topology).reconcile(undefined, true);
  expect(topology.events).toEqual([`refresh ${a.id}`]);
  expect(topology.replicaHere(a.id)).toBeTruthy();
  expect(await readyAt(r.id)).toBeInstanceOf(Date);
  const [p] = await db.query('SELECT phase FROM replica_position WHERE account_id = ?', [a.id]);
  expect(p.phase).toBe('waiting_snapshot');
});

it('does not announce a replica the refreshed cache still does not hold (removed meanwhile)', async () => {
  const [b] = await createAccounts(env.prisma, SRC, ['ben@rep-life.test']);
  const r = await addReplica(env.prisma, b.id, DST);
  const topology = cache(new Set([b.id]));
  await new ReplicaLifecycle(db, haDb, DST, env.log, topology).reconcile([b.id], true);
  expect(topology.events).toEqual([`refresh ${b.id}`]);
  expect(await readyAt(r.id)).toBeNull();
});

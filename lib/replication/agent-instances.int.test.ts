import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { setAccountDestination, verifyAccount, waitForOperation } from '../ha';
import { recordTopologyChange } from '../ha/topology-change';
import { partitionOf } from '../kafka';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { ReplicaAgent } from './agent';
import { resetAgentGroups } from './agent-test-env';
import { DigestRoutes } from './digest-routes';

// Two agent instances of one destination form one consumer group and share its partitions:
// each applies the accounts of the partitions it was given, and every replica ends equal.
const SRC = 'mbox1.rep-inst.test';
const DST = 'mbox2.rep-inst.test';
let env: TestEnv;
let ha: HaContextHandle;
const agents: ReplicaAgent[] = [];
const names: string[] = [];

beforeAll(async () => {
  env = await createTestEnv('rep_inst');
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST]);
  await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 50 } });
  // One account in each of the 12 partitions, so both members surely have work.
  const domain = await env.prisma.domain.create({ data: { name: 'rep-inst.test' } });
  const taken = new Set<number>();
  while (taken.size < 12) {
    const id = randomUUID();
    const p = partitionOf(id, 12);
    if (taken.has(p)) continue;
    taken.add(p);
    const name = `p${p}@rep-inst.test`;
    await env.prisma.account.create({ data: { id, name, domainId: domain.id, mailHost: SRC } });
    await recordTopologyChange(env.prisma, [id]);
    names.push(name);
  }
  await env.startNode(SRC);
  await env.startNode(DST, {
    factories: [(ctx) => {
      const a = new ReplicaAgent(ctx);
      const b = new ReplicaAgent(ctx);
      agents.push(a, b);
      return [a, b, new DigestRoutes(ctx)];
    }],
  });
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-inst.test', role: 'global_admin', origin: 'cli' }, log: env.log });
});
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

it('two instances of one destination share the partitions and every replica ends equal', async () => {
  const ref = await setAccountDestination(ha, { destination: DST, priority: 10, accounts: names });
  const op = await waitForOperation(ha, ref.operationId, { timeoutMs: 120_000 });
  expect(op.state, JSON.stringify(op.items.filter((i) => i.state !== 'succeeded'))).toBe('succeeded');
  const counts = await runTraffic({ haDbUrl: env.haDbUrl, accounts: names, rate: 60, seconds: 3 });
  expect(counts.replicated).toBeGreaterThan(5);
  for (const name of names) {
    const v = await verifyAccount(ha, { account: name, timeoutMs: 30_000 });
    expect(v.replicas[0], `${name}: ${v.replicas[0].message}`).toMatchObject({ equal: true });
  }
  const [a, b] = agents.map((x) => x.stats());
  expect(a.applied).toBeGreaterThan(0);
  expect(b.applied).toBeGreaterThan(0);
}, 300_000);

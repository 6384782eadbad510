import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createHaContext, type HaContextHandle } from './context';
import { getHealth } from './health';

let env: TestEnv;
let ctx: HaContextHandle;
beforeAll(async () => {
  env = await createTestEnv('health');
  ctx = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'test', role: 'global_admin', origin: 'system' }, log: env.log });
});
afterAll(async () => {
  await ctx?.close();
  await env?.cleanup();
});

it('reports healthy only once a mailstore is up, and names a dead mailstore and unreachable Kafka', async () => {
  const empty = await getHealth(ctx);
  expect(empty.ok).toBe(false);
  expect(empty.database.ok).toBe(true);
  expect(empty.kafka.ok).toBe(true);

  const node = await env.startNode('mbox1.health.test', { factories: [] });
  const up = await getHealth(ctx);
  expect(up).toMatchObject({ ok: true, failing: [], mailstores: [{ host: 'mbox1.health.test', ok: true }] });

  await node.stop();
  await env.prisma.mailstoreServer.update({ where: { host: 'mbox1.health.test' }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
  await env.prisma.globalConfig.update({ where: { key: 'brokers' }, data: { value: '127.0.0.1:1' } });
  const down = await getHealth(ctx);
  expect(down.ok).toBe(false);
  expect(down.failing).toEqual(expect.arrayContaining(['kafka', 'mailstore mbox1.health.test']));
  expect(down.kafka.brokers[0]).toMatchObject({ broker: '127.0.0.1:1', reachable: false });
});

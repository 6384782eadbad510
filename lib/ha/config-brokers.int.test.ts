import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { ValidationError } from '../errors';
import { silentLogger } from '../log/logger';
import { getBrokers, setBrokers } from './config-brokers';
import { createHaContext, type HaContextHandle } from './context';
import { testBrokers } from './test-brokers';

let env: TestEnv;
let ctx: HaContextHandle;
beforeAll(async () => {
  env = await createTestEnv('cli_brokers');
  ctx = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'cli:test', role: 'cli', origin: 'cli' }, log: silentLogger });
});
afterAll(async () => {
  await ctx?.close();
  await env?.cleanup();
});

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('a running node picks up a new broker list without a restart, and comes back when it is restored', async () => {
  const node = await env.startNode('mbox1.cli-brokers.test', { factories: [] });
  const link = node.context().kafka;
  await until('the node to reach Kafka', () => link.reachable && link.handles()?.brokers.join(',') === env.brokers.join(','));

  const dead = '127.0.0.1:1';
  await setBrokers(ctx, { brokers: dead });
  await until('the node to switch to the new brokers', () => link.handles()?.brokers.join(',') === dead);
  await until('the node to report Kafka unreachable', () => !link.reachable);
  await until('the heartbeat to say so', async () => (await env.prisma.mailstoreServer.findUnique({ where: { host: 'mbox1.cli-brokers.test' } }))?.kafkaReachable === false);

  await setBrokers(ctx, { brokers: env.brokers.join(',') });
  await until('the node to reconnect', () => link.reachable && link.handles()?.brokers.join(',') === env.brokers.join(','));
});

it('validates the list, changes nothing on error, and audits both outcomes', async () => {
  const before = await getBrokers(ctx);
  for (const bad of ['', 'host-without-port', 'h:0', 'h:70000', 'a:9092,a:9092', 'a:9092,,b:x']) {
    await expect(setBrokers(ctx, { brokers: bad })).rejects.toBeInstanceOf(ValidationError);
  }
  await expect(setBrokers(ctx, { brokers: 'a:9092,b:x' })).rejects.toThrow('"b:x" is not host:port');
  expect(await getBrokers(ctx)).toEqual(before);
  const audits = await env.prisma.auditLog.findMany({ where: { action: 'config.setBrokers' }, orderBy: { id: 'asc' } });
  expect(audits.some((a) => a.result === 'invalid_input')).toBe(true);
  expect(audits.some((a) => a.result === 'ok')).toBe(true);
});

it('tests each broker on its own and reports the unreachable ones with a reason', async () => {
  const report = await testBrokers(ctx, { brokers: `${env.brokers[0]},127.0.0.1:1,no-such-host.invalid:9092` });
  expect(report.allReachable).toBe(false);
  expect(report.brokers[0]).toMatchObject({ broker: env.brokers[0], reachable: true, clusterSize: 1 });
  expect(report.brokers[1]).toMatchObject({ broker: '127.0.0.1:1', reachable: false });
  expect(report.brokers[1].error).toMatch(/ECONNREFUSED/);
  expect(report.brokers[2]).toMatchObject({ reachable: false });
  expect(report.brokers[2].error).toMatch(/ENOTFOUND|EAI_AGAIN/);
  await expect(testBrokers(ctx, { brokers: env.brokers[0], authentication: 'kerberos:x:y' })).rejects.toThrow('authentication must be MECHANISM:USERNAME:PASSWORD');
});

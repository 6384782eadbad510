import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { silentLogger } from '../log/logger';
import type { NodeComponent } from '../node/component';
import { createHaContext, type HaContextHandle } from './context';
import { doRestartService, doStartService, doStopService, getServices } from './services';

let env: TestEnv;
let ctx: HaContextHandle;
beforeAll(async () => {
  env = await createTestEnv('cli_services');
  ctx = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'cli:test', role: 'cli', origin: 'cli' }, log: silentLogger });
});
afterAll(async () => {
  await ctx?.close();
  await env?.cleanup();
});

/** A stand-in HA component that counts its starts and stops (the real ones are covered by the CLI tests). */
function probe(name: string, counts: { starts: number; stops: number }): NodeComponent {
  return { name, haModule: true, start: async () => void counts.starts++, stop: async () => void counts.stops++ };
}

it('stops, starts and restarts the HA module of a running node through its API; getServices follows the heartbeat', async () => {
  const counts = { starts: 0, stops: 0 };
  const other = { starts: 0, stops: 0 };
  await env.startNode('mbox1.cli-services.test', { factories: [() => [probe('agent', counts), { ...probe('mailbox', other), haModule: false }]] });
  await env.startNode('mbox2.cli-services.test', { factories: [] });
  expect(counts).toEqual({ starts: 1, stops: 0 });

  const host = 'mbox1.cli-services.test';
  expect(await doStopService(ctx, { host, service: 'module' })).toEqual({ host, service: 'module', running: false, components: ['agent'] });
  expect(counts).toEqual({ starts: 1, stops: 1 });
  expect(other).toEqual({ starts: 1, stops: 0 });
  const [stopped] = await getServices(ctx, { host });
  expect(stopped).toMatchObject({ host, running: false, nodeUp: true, agentAlive: false });

  expect((await doStartService(ctx, { host, service: 'module' })).running).toBe(true);
  expect((await doRestartService(ctx, { host, service: 'module' })).running).toBe(true);
  expect(counts).toEqual({ starts: 3, stops: 2 });
  const all = await getServices(ctx);
  expect(all.map((s) => [s.host, s.running, s.agentAlive])).toEqual([
    ['mbox1.cli-services.test', true, true],
    ['mbox2.cli-services.test', true, false],
  ]);
});

it('refuses an unknown service, an unknown host, and an ambiguous host, changing nothing', async () => {
  await expect(doStopService(ctx, { host: 'mbox1.cli-services.test', service: 'mailbox' })).rejects.toThrow('unknown service "mailbox"');
  await expect(doStopService(ctx, { host: 'nowhere.cli-services.test', service: 'module' })).rejects.toThrow('unknown mailstore "nowhere.cli-services.test"');
  await expect(doStopService(ctx, { service: 'module' })).rejects.toThrow('this installation has 2 mailstores');
  expect((await getServices(ctx)).every((s) => s.running)).toBe(true);
});

it('reports a node whose heartbeat stopped as down', async () => {
  await env.prisma.mailstoreServer.create({ data: { host: 'gone.cli-services.test', apiUrl: 'http://127.0.0.1:1', heartbeatAt: new Date(Date.now() - 60_000), moduleRunning: true, agentAlive: true } });
  const [gone] = await getServices(ctx, { host: 'gone.cli-services.test' });
  expect(gone).toMatchObject({ nodeUp: false, running: false, agentAlive: false });
  await expect(doStartService(ctx, { host: 'gone.cli-services.test', service: 'module' })).rejects.toThrow(/does not answer/);
});

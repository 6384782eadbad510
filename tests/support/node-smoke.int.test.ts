import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './test-env';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv('node_smoke');
});
afterAll(async () => env?.cleanup());

it('a mailstore node starts, registers itself and its volumes, and answers /health', async () => {
  const node = await env.startNode('mbox1.smoke.test', { factories: [] });
  const res = await fetch(`${node.apiUrl}/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ host: 'mbox1.smoke.test', ok: true });
  const server = await env.prisma.mailstoreServer.findUnique({ where: { host: 'mbox1.smoke.test' }, include: { volumes: true } });
  expect(server?.apiUrl).toBe(node.apiUrl);
  expect(server?.volumes).toEqual([expect.objectContaining({ kind: 'primary', centralized: true, path: env.blobDir })]);
  expect(server?.heartbeatAt).toBeInstanceOf(Date);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { assertCentralized, isCentralized } from './volumes';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv('src_volumes');
  const server = (host: string, volumes: { name: string; kind: 'primary' | 'secondary'; centralized: boolean }[]) =>
    env.prisma.mailstoreServer.create({ data: { host, apiUrl: `http://${host}:1`, volumes: { create: volumes.map((v) => ({ ...v, path: `/srv/${host}/${v.name}` })) } } });
  await server('ok.src-vol.test', [{ name: 'p1', kind: 'primary', centralized: true }, { name: 'p2', kind: 'primary', centralized: true }, { name: 'hsm', kind: 'secondary', centralized: false }]);
  await server('local.src-vol.test', [{ name: 'p1', kind: 'primary', centralized: true }, { name: 'disk', kind: 'primary', centralized: false }]);
  await server('empty.src-vol.test', []);
});
afterAll(async () => env?.cleanup());

it('a mailstore takes part only when it has primary volumes and all of them are centralized', async () => {
  expect(await isCentralized(env.prisma, 'ok.src-vol.test')).toBe(true);
  expect(await isCentralized(env.prisma, 'local.src-vol.test')).toBe(false);
  expect(await isCentralized(env.prisma, 'empty.src-vol.test')).toBe(false);
  expect(await isCentralized(env.prisma, 'unknown.src-vol.test')).toBe(false);
  await expect(assertCentralized(env.prisma, ['ok.src-vol.test'])).resolves.toBeUndefined();
});

it('assertCentralized names every mailstore that fails, with the offending volumes', async () => {
  const err = await assertCentralized(env.prisma, ['ok.src-vol.test', 'local.src-vol.test', 'empty.src-vol.test']).catch((e) => e);
  expect(err).toMatchObject({ code: 'invalid_input' });
  expect(err.problems.map((p: { field: string }) => p.field)).toEqual(['local.src-vol.test', 'empty.src-vol.test']);
  expect(err.problems[0].message).toContain('disk (/srv/local.src-vol.test/disk) is not centralized');
  expect(err.problems[1].message).toContain('no primary volume');
  expect(err.message).toContain('local.src-vol.test');
});

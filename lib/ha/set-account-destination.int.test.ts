import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaError } from '../errors';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createAccounts } from '../replication/agent-test-env';
import { createHaContext, type HaContextHandle } from './context';
import { getLicenseInfo, getOperation, parseInputFile, pauseReplicas, removeAccountDestination, setAccountDestination } from '.';

// Validation of setAccountDestination (and its siblings) against a real HA database: every
// refusal names its cause and leaves every table as it was. No mailstore node is needed.
const SRC = 'mbox1.rep-sad.test';
const DST = 'mbox2.rep-sad.test';
const LOCAL = 'mbox3.rep-sad.test';
const DST2 = 'mbox4.rep-sad.test';
let env: TestEnv;
let ha: HaContextHandle;

async function registerServer(host: string, centralized: boolean) {
  await env.prisma.mailstoreServer.create({ data: { host, apiUrl: `http://127.0.0.1:1/${host}`, volumes: { create: [{ name: 'primary', path: `/srv/${host}`, centralized }] } } });
}

async function snapshot() {
  const [replicas, operations, items, changes, statuses, accounts] = await Promise.all([
    env.prisma.replica.findMany({ orderBy: { id: 'asc' } }), env.prisma.operation.count(), env.prisma.operationItem.count(), env.prisma.topologyChange.count(),
    env.prisma.accountStatus.count(), env.prisma.account.findMany({ orderBy: { id: 'asc' }, select: { id: true, haPaused: true, mailHost: true } })]);
  return { replicas, operations, items, changes, statuses, accounts };
}

/** Runs a command that must be refused; returns the error after checking nothing changed. */
async function refused(run: () => Promise<unknown>): Promise<HaError> {
  const before = await snapshot();
  const err = await run().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(HaError);
  expect(await snapshot()).toEqual(before);
  return err as HaError;
}

beforeAll(async () => {
  env = await createTestEnv('rep_sad');
  await registerServer(SRC, true);
  await registerServer(DST, true);
  await registerServer(LOCAL, false);
  await registerServer(DST2, true);
  await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 20_005 } });
  await createAccounts(env.prisma, SRC, ['john.doe@rep-sad.test', 'jane.doe@rep-sad.test', 'done@rep-sad.test']);
  await createAccounts(env.prisma, DST, ['athome@rep-sad.test']);
  await createAccounts(env.prisma, LOCAL, ['onlocal@rep-sad.test']);
  await createAccounts(env.prisma, SRC, ['staff@rep-sad.test'], 'distribution_list');
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-sad.test', role: 'global_admin', origin: 'cli' }, log: env.log });
  const ok = await setAccountDestination(ha, { destination: DST, priority: 10, accounts: ['done@rep-sad.test'] });
  expect(ok.accounts).toBe(1);
  const [replica] = await env.prisma.replica.findMany({ where: { destination: DST } });
  expect(replica.sourceHost).toBe(SRC);
});
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

describe('setAccountDestination refuses, names the cause and changes nothing', () => {
  it('wildcards and regular expressions in names, each listed', async () => {
    const err = await refused(() => setAccountDestination(ha, { destination: DST, priority: 10, accounts: ['john*@rep-sad.test', '?ohn@rep-sad.test', 'jane.doe@rep-sad.test'] }));
    expect(err.code).toBe('invalid_input');
    expect(err.problems.map((p) => p.field)).toEqual(['john*@rep-sad.test', '?ohn@rep-sad.test']);
    expect(err.problems[0].message).toMatch(/wildcard or regular-expression/);
    const regex = ['^john.doe@rep-sad.test$', 'j[ao]ne.doe@rep-sad.test', '(john|jane).doe@rep-sad.test', 'jo.*hn@rep-sad.test', 'john.doe@rep-sad.test|x', 'jo{2}@rep-sad.test'];
    const err2 = await refused(() => setAccountDestination(ha, { destination: DST, priority: 10, accounts: regex }));
    expect(err2.problems.map((p) => p.field)).toEqual(regex);
    for (const p of err2.problems) expect(p.message).toMatch(/wildcard or regular-expression/);
  });

  it('every unknown account is listed in the problems, the message names the first and counts the rest', async () => {
    const ghosts = Array.from({ length: 12 }, (_, i) => `ghost${i}@rep-sad.test`);
    const err = await refused(() => setAccountDestination(ha, { destination: DST, priority: 10, accounts: ['john.doe@rep-sad.test', ...ghosts] }));
    expect(err.problems).toEqual(ghosts.map((g) => ({ field: g, message: `no account named ${g}` })));
    expect(err.message).toMatch(/no account named ghost4@rep-sad\.test; and 7 more$/);
  });

  it('unknown accounts (all listed), a distribution list and the account\'s own mailHost, all at once', async () => {
    const err = await refused(() => setAccountDestination(ha, {
      destination: DST, priority: 10, accounts: ['ghost1@rep-sad.test', 'john.doe@rep-sad.test', 'ghost2@rep-sad.test', 'staff@rep-sad.test', 'athome@rep-sad.test'],
    }));
    expect(err.problems).toEqual([
      { field: 'ghost1@rep-sad.test', message: 'no account named ghost1@rep-sad.test' },
      { field: 'ghost2@rep-sad.test', message: 'no account named ghost2@rep-sad.test' },
      { field: 'staff@rep-sad.test', message: 'staff@rep-sad.test is a distribution list; only accounts can be replicated' },
      { field: 'athome@rep-sad.test', message: `athome@rep-sad.test is hosted on ${DST}: its replica must be on another mailstore` },
    ]);
    expect(err.message).toMatch(/^setAccountDestination refused, nothing changed: no account named ghost1/);
  });

  it('an unknown destination', async () => {
    const err = await refused(() => setAccountDestination(ha, { destination: 'nowhere.rep-sad.test', priority: 10, accounts: ['john.doe@rep-sad.test'] }));
    expect(err.problems).toEqual([{ field: 'destination', message: 'unknown destination nowhere.rep-sad.test: no mailstore of that name is registered' }]);
  });

  it('a replica that already exists there', async () => {
    const err = await refused(() => setAccountDestination(ha, { destination: DST, priority: 20, accounts: ['done@rep-sad.test'] }));
    expect(err.problems[0].message).toBe(`done@rep-sad.test already has a replica on ${DST}`);
  });

  it('a non-integer or negative priority', async () => {
    for (const priority of [1.5, -1, Number.NaN]) {
      const err = await refused(() => setAccountDestination(ha, { destination: DST, priority, accounts: ['john.doe@rep-sad.test'] }));
      expect(err.code).toBe('invalid_input');
      expect(err.problems[0].field).toBe('priority');
    }
  });

  it('a destination or a source whose primary volumes are not centralized', async () => {
    const toLocal = await refused(() => setAccountDestination(ha, { destination: LOCAL, priority: 10, accounts: ['john.doe@rep-sad.test'] }));
    expect(toLocal.problems[0]).toMatchObject({ field: LOCAL });
    expect(toLocal.problems[0].message).toMatch(/not centralized/);
    const fromLocal = await refused(() => setAccountDestination(ha, { destination: DST, priority: 10, accounts: ['onlocal@rep-sad.test'] }));
    expect(fromLocal.problems[0]).toMatchObject({ field: LOCAL });
  });

  it('a request that would exceed the licence, counting the accounts already enabled', async () => {
    await env.prisma.license.update({ where: { module: 'ZxHA' }, data: { quantity: 2 } });
    try {
      expect((await getLicenseInfo(ha)).enabledAccounts).toBe(1);
      const err = await refused(() => setAccountDestination(ha, { destination: DST, priority: 10, accounts: ['john.doe@rep-sad.test', 'jane.doe@rep-sad.test'] }));
      expect(err.code).toBe('license_exceeded');
      expect(err.message).toMatch(/covers 2 accounts; 1 are enabled and this request would enable 2 more/);
      // With every seat taken, a second replica of an already enabled account needs no new seat; a new account does.
      await env.prisma.license.update({ where: { module: 'ZxHA' }, data: { quantity: 1 } });
      expect((await refused(() => setAccountDestination(ha, { destination: DST2, priority: 20, accounts: ['done@rep-sad.test', 'john.doe@rep-sad.test'] }))).message)
        .toMatch(/covers 1 accounts; 1 are enabled and this request would enable 1 more/);
      const second = await setAccountDestination(ha, { destination: DST2, priority: 20, accounts: ['done@rep-sad.test'] });
      expect(second.accounts).toBe(1);
      expect((await env.prisma.replica.findMany({ where: { account: { name: 'done@rep-sad.test' } }, orderBy: { priority: 'asc' } })).map((r) => r.destination)).toEqual([DST, DST2]);
      expect((await getLicenseInfo(ha)).enabledAccounts).toBe(1);
      await env.prisma.license.update({ where: { module: 'ZxHA' }, data: { licensed: false } });
      expect((await refused(() => setAccountDestination(ha, { destination: DST, priority: 10, accounts: ['john.doe@rep-sad.test'] }))).message).toMatch(/No valid ZxHA licence/);
    } finally {
      await env.prisma.license.update({ where: { module: 'ZxHA' }, data: { quantity: 20_005, licensed: true } });
    }
  });

  it('a domain administrator, who may change nothing', async () => {
    const viewer = ha.withActor({ email: 'viewer@rep-sad.test', role: 'domain_admin', origin: 'console', domains: ['rep-sad.test'] });
    expect((await refused(() => setAccountDestination(viewer, { destination: DST, priority: 10, accounts: ['john.doe@rep-sad.test'] }))).code).toBe('forbidden');
    expect((await refused(() => pauseReplicas(viewer, { accounts: ['done@rep-sad.test'] }))).code).toBe('forbidden');
  });

  it('pause of an account without replica, remove from a mailstore that holds none', async () => {
    expect((await refused(() => pauseReplicas(ha, { accounts: ['john.doe@rep-sad.test'] }))).problems[0].message).toBe('john.doe@rep-sad.test has no replica');
    expect((await refused(() => removeAccountDestination(ha, { destination: SRC, accounts: ['done@rep-sad.test'] }))).problems[0].message).toBe(`done@rep-sad.test has no replica on ${SRC}`);
  });
});

it('an input file of 10,000 accounts (CRLF, blank lines, duplicates) registers 10,000 replicas in one operation', async () => {
  const names = Array.from({ length: 10_000 }, (_, i) => `bulk${i}@big.rep-sad.test`);
  const domain = await env.prisma.domain.create({ data: { name: 'big.rep-sad.test' } });
  const rows = names.map((n) => [randomUUID(), n, domain.id, SRC]);
  await ha.db.batch('INSERT INTO account (id, name, domainId, mailHost) VALUES (?, ?, ?, ?)', rows);
  const file = ['', ...names, '  bulk7@big.rep-sad.test  ', ''].join('\r\n');
  const { accounts, duplicates } = parseInputFile(file);
  expect(duplicates).toEqual(['bulk7@big.rep-sad.test']);
  const t0 = performance.now();
  const ref = await setAccountDestination(ha, { destination: DST, priority: 30, accounts: [...accounts, 'BULK8@big.rep-sad.test'] });
  const ms = Math.round(performance.now() - t0);
  console.log(`[rep] setAccountDestination with 10,000 accounts took ${ms} ms`);
  expect(ref).toMatchObject({ accounts: 10_000, duplicates: ['BULK8@big.rep-sad.test'] });
  expect(await env.prisma.replica.count({ where: { destination: DST, priority: 30, state: 'initializing' } })).toBe(10_000);
  const op = await getOperation(ha, ref.operationId, { itemsLimit: 5, itemsOffset: 9_995 });
  expect(op).toMatchObject({ total: 10_000, itemsTotal: 10_000, state: 'queued', kind: 'setAccountDestination' });
  expect(op.items.map((i) => i.accountName)).toEqual(names.slice(9_995));
  expect((await getLicenseInfo(ha)).enabledAccounts).toBe(10_001);
});

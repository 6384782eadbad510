import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../tests/support/test-env';
import { scaleFixture } from '../../bench/status-fixture';
import { createHaContext, type HaContextHandle } from '../../ha/context';
import { addAccounts, addServers, refreshHeartbeats, type FixtureAccount } from '../../ha/get-account-status-fixture';
import { searchAccounts } from './account-search';
import { getOverview } from './overview';

// The console's own read models over 100,000 replicated accounts: the overview's counts and lag
// buckets, and the directory search of the account pickers. Answers are checked against the
// fixture; the timings are printed and must stay interactive (a generous bound on a shared machine).
const N = 100_000;
const HOSTS: [string, string, string, string] = ['m1.con-scale.test', 'm2.con-scale.test', 'm3.con-scale.test', 'm4.con-scale.test'];
let env: TestEnv;
let ha: HaContextHandle;
let accounts: FixtureAccount[];

beforeAll(async () => {
  env = await createTestEnv('con_scale');
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@con-scale.test', role: 'global_admin', origin: 'console' }, log: env.log, poolSize: 4 });
  await addServers(ha.db, HOSTS.map((host, i) => ({ host, alive: i !== 3 })));
  accounts = scaleFixture(N, HOSTS, 'con-scale.test').accounts;
  await addAccounts(ha.db, accounts);
  await ha.db.query('ANALYZE TABLE account, replica, replica_status');
}, 600_000);
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

async function timed<T>(label: string, run: () => Promise<T>, runs = 5): Promise<{ result: T; p50: number }> {
  let result = await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)];
  console.log(`[con] ${label}: p50 ${p50.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`);
  return { result, p50 };
}

it('counts 100,000 accounts by replica health and lag, right and fast enough to refresh every 5 s', async () => {
  await refreshHeartbeats(ha.db, HOSTS.slice(0, 3));
  const replicas = accounts.flatMap((a) => a.replicas);
  const want = { active: 0, initializing: 0, paused: 0, failed: 0, unavailable: 0, removing: 0 };
  for (const r of replicas) {
    if (r.state === 'active') want[r.destination === HOSTS[3] ? 'unavailable' : 'active']++;
    else want[r.state]++;
  }
  const { result, p50 } = await timed('overview', () => getOverview(ha));
  expect(result.accounts).toBe(N);
  expect(result.protectedAccounts).toBe(N);
  expect(result.replicas).toEqual(want);
  const active = replicas.filter((r) => r.state === 'active');
  expect(result.lag.reduce((s, b) => s + b.value, 0)).toBe(active.length);
  expect(result.lag[0]).toEqual({ label: 'in sync', value: active.filter((r) => !r.lagEvents).length });
  expect(result.lag.find((b) => b.label === '30 s–5 min')!.value).toBe(active.filter((r) => (r.lagEvents ?? 0) > 0 && (r.lagSeconds ?? 0) >= 30).length);
  expect(p50).toBeLessThan(3000);

  // A domain administrator counts its own domain only.
  const viewer = ha.withActor({ email: 'viewer@con-scale.test', role: 'domain_admin', origin: 'console', domains: ['d3.con-scale.test'] });
  const mine = accounts.filter((a) => a.name.endsWith('@d3.con-scale.test'));
  const scoped = await timed('overview of one domain', () => getOverview(viewer));
  expect(scoped.result.accounts).toBe(mine.length);
  expect(scoped.result.protectedAccounts).toBe(mine.length);
  expect(Object.values(scoped.result.replicas).reduce((s, n) => s + n, 0)).toBe(mine.flatMap((a) => a.replicas).length);
  expect((await searchAccounts(viewer, 'user4242@')).map((h) => h.name)).toEqual([]);
  expect((await searchAccounts(viewer, 'user43@')).map((h) => h.name)).toEqual(['user43@d3.con-scale.test']);
}, 300_000);

it('finds accounts by prefix first, then by substring, among 100,000', async () => {
  const exact = await timed('search exact', () => searchAccounts(ha, 'user4242@'));
  expect(exact.result.map((h) => h.name)).toEqual(['user4242@d2.con-scale.test']);
  expect(exact.result[0].replicas).toEqual([HOSTS[(4242 % 3) + 1]]);
  const prefix = await timed('search prefix', () => searchAccounts(ha, 'user777'));
  expect(prefix.result).toHaveLength(20);
  expect(prefix.result.every((h) => h.name.startsWith('user777'))).toBe(true);
  const inner = await timed('search substring', () => searchAccounts(ha, '@d7.con'));
  expect(inner.result).toHaveLength(20);
  expect(inner.result.every((h) => h.name.includes('@d7.con'))).toBe(true);
  for (const hostile of ['%', '_', "' OR 1=1 --", '\\']) expect(await searchAccounts(ha, hostile)).toEqual([]);
  expect(Math.max(exact.p50, prefix.p50, inner.p50)).toBeLessThan(3000);
}, 300_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import type { GetAccountStatusInput } from '../schemas/commands';
import { createHaContext, type HaContextHandle } from './context';
import { getAccountStatus } from '.';
import { addAccounts, addServers, refreshHeartbeats, type FixtureAccount } from './get-account-status-fixture';

// getAccountStatus over 100,000 replicated accounts: the answers are checked against the
// fixture, and the p95 of each query shape is printed (the goal is < 100 ms; timing never fails a test).
const N = 100_000;
const HOSTS = ['m1.rep-scale.test', 'm2.rep-scale.test', 'm3.rep-scale.test', 'm4.rep-scale.test'];
let env: TestEnv;
let ha: HaContextHandle;
const expected = { unavailable: 0, pausedAccounts: 0, onM2toM3: 0, domain3: 0 };

function rand(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

beforeAll(async () => {
  env = await createTestEnv('rep_scale');
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-scale.test', role: 'global_admin', origin: 'console' }, log: env.log, poolSize: 4 });
  await addServers(ha.db, HOSTS.map((host, i) => ({ host, alive: i !== 3 })));
  const r = rand(42);
  const accounts: FixtureAccount[] = [];
  for (let i = 0; i < N; i++) {
    const src = HOSTS[i % 3];
    const dst = HOSTS[(i % 3) + 1];
    const x = r();
    const state = x < 0.9 ? 'active' : x < 0.95 ? 'initializing' : x < 0.98 ? 'paused' : 'failed';
    const lag = r() < 0.1 ? Math.floor(r() * 5000) : 0;
    const replicas: FixtureAccount['replicas'] = [{ destination: dst, priority: 10, state, sequence: 1000 - lag, itemId: 3000, lagEvents: lag, lagSeconds: lag / 100 }];
    if (i % 5 === 0) replicas.push({ destination: HOSTS[((i % 3) + 2) % 4], priority: 20, state: 'active', sequence: 1000, itemId: 3000 });
    const domain = `d${i % 10}.rep-scale.test`;
    accounts.push({ name: `user${i}@${domain}`, mailHost: src, paused: state === 'paused', status: { mailboxId: i + 1, sequence: 1000, itemId: 3000 }, replicas });
    if (replicas.some((p) => p.state !== 'active' || p.destination === HOSTS[3])) expected.unavailable++;
    if (state === 'paused') expected.pausedAccounts++;
    if (src === HOSTS[1] && replicas.some((p) => p.destination === HOSTS[2])) expected.onM2toM3++;
    if (i % 10 === 3) expected.domain3++;
  }
  const t0 = Date.now();
  await addAccounts(ha.db, accounts);
  await ha.db.query('ANALYZE TABLE account, replica, replica_status, account_status');
  console.log(`[rep] 100,000-account fixture loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 600_000);
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

async function p95(label: string, input: GetAccountStatusInput, runs = 10) {
  await refreshHeartbeats(ha.db, HOSTS.slice(0, 3));
  const times: number[] = [];
  let last = await getAccountStatus(ha, input);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await getAccountStatus(ha, input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)];
  console.log(`[rep] getAccountStatus ${label}: p50 ${times[Math.floor(times.length / 2)].toFixed(1)} ms, p95 ${p.toFixed(1)} ms (total ${last.total})`);
  return last;
}

it('answers every query shape correctly over 100,000 accounts and prints its p95', async () => {
  const all = await p95('no filter, by name, page 1', {});
  expect(all.total).toBe(N);
  expect(all.accounts[0].accountName).toBe('user0@d0.rep-scale.test');
  const lag = await p95('sorted by lag desc', { sort: 'lagEvents', order: 'desc' });
  expect(lag.accounts[0].replicas.some((r) => r.lagEvents >= lag.accounts[1].replicas[0].lagEvents)).toBe(true);
  expect(Math.max(...lag.accounts[0].replicas.map((r) => r.lagEvents))).toBeGreaterThan(4900);
  expect((await p95('replicaStatus unavailable', { replicaStatus: 'unavailable' })).total).toBe(expected.unavailable);
  expect((await p95('accountStatus paused', { accountStatus: 'paused' })).total).toBe(expected.pausedAccounts);
  expect((await p95('mailHost + replicaServer', { mailHost: HOSTS[1], replicaServer: HOSTS[2] })).total).toBe(expected.onM2toM3);
  expect((await p95('one domain, by lag seconds', { domains: ['d3.rep-scale.test'], sort: 'lagSeconds', order: 'desc' })).total).toBe(expected.domain3);
  expect((await p95('text search', { q: 'user4242@' })).accounts.map((a) => a.accountName)).toEqual(['user4242@d2.rep-scale.test']);
  const deep = await p95('page 1,000 of 100', { page: 1000, pageSize: 100 });
  expect(deep.accounts).toHaveLength(100);
  const some = Array.from({ length: 50 }, (_, i) => `user${i * 997}@d${(i * 997) % 10}.rep-scale.test`);
  expect((await p95('50 named accounts', { accounts: some })).total).toBe(50);
}, 600_000);

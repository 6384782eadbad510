import { migrateDatabase } from '../../db/migrate';
import { haDatabaseName } from '../../db/names';
import { withDatabase } from '../../db/url';
import { createHaContext } from '../../ha/context';
import { addAccounts, addServers, refreshHeartbeats } from '../../ha/get-account-status-fixture';
import { getAccountStatus } from '../../ha/get-account-status';
import { silentLogger } from '../../log/logger';
import type { GetAccountStatusInput } from '../../schemas/commands';
import type { BenchContext, StatusFixture } from '../context';
import { percentile } from '../progress';
import { below, result, type BenchResult } from '../result';
import { scaleFixture } from '../status-fixture';

export const STATUS_GOAL = below(100, 'ms', 'p95');

/** The status fixture's own HA database (`<prefix>status_carbonio_ha`); the console run reads it too. */
export async function statusFixture(b: BenchContext): Promise<StatusFixture & { loadSeconds: number }> {
  const prefix = `${b.world.prefix}status_`;
  const haDbUrl = withDatabase(b.world.infra.dbUrl, haDatabaseName(prefix));
  const d = prefix.replace(/_+$/, '').replace(/_/g, '-');
  const hosts: [string, string, string, string] = [`m1.${d}.test`, `m2.${d}.test`, `m3.${d}.test`, `m4.${d}.test`];
  await migrateDatabase(haDbUrl, 'ha');
  const ctx = createHaContext({ haDbUrl, actor: { email: 'bench@example.com', role: 'global_admin', origin: 'cli' }, log: silentLogger, poolSize: 4 });
  try {
    const t0 = performance.now();
    await addServers(ctx.db, hosts.map((host, i) => ({ host, alive: i !== 3 })));
    await addAccounts(ctx.db, scaleFixture(b.profile.statusAccounts, hosts, `${d}.test`).accounts);
    await ctx.db.query('ANALYZE TABLE account, replica, replica_status, account_status');
    const loadSeconds = (performance.now() - t0) / 1000;
    b.log(`status fixture: ${b.profile.statusAccounts} accounts loaded in ${loadSeconds.toFixed(1)} s`);
    b.fixtures.status = { prefix, haDbUrl, accounts: b.profile.statusAccounts, hosts };
    return { ...b.fixtures.status, loadSeconds };
  } finally {
    await ctx.close();
  }
}

/** The console's and the CLI's usual views: filters, sorts, search, a deep page, a named list. */
function shapes(f: StatusFixture): [string, GetAccountStatusInput][] {
  const domain = (i: number) => `d${i}.${f.hosts[0].split('.').slice(1).join('.')}`;
  return [
    ['no filter, by name', {}],
    ['sorted by lag (events) desc', { sort: 'lagEvents', order: 'desc' }],
    ['replicaStatus unavailable', { replicaStatus: 'unavailable' }],
    ['accountStatus paused', { accountStatus: 'paused' }],
    ['mailHost + replicaServer', { mailHost: f.hosts[1], replicaServer: f.hosts[2] }],
    ['one domain, by lag (seconds) desc', { domains: [domain(3)], sort: 'lagSeconds', order: 'desc' }],
    ['text search', { q: 'user4242@' }],
    ['last page of 100 rows', { page: Math.max(1, Math.floor(f.accounts / 100)), pageSize: 100 }],
    ['50 named accounts', { accounts: Array.from({ length: 50 }, (_, i) => `user${(i * 997) % f.accounts}@${domain(((i * 997) % f.accounts) % 10)}`) }],
  ];
}

/**
 * getAccountStatus at scale: each query shape once as warm-up, then `statusRuns` times; the
 * figure is the p95 of every timed call, the detail names the slowest shape.
 */
export async function statusScenario(b: BenchContext): Promise<BenchResult[]> {
  const f = b.fixtures.status ?? await statusFixture(b);
  const ctx = createHaContext({ haDbUrl: f.haDbUrl, actor: { email: 'bench@example.com', role: 'global_admin', origin: 'cli' }, log: silentLogger, poolSize: 4 });
  try {
    const all: number[] = [];
    const perShape: { label: string; p95: number }[] = [];
    for (const [label, input] of shapes(f)) {
      await refreshHeartbeats(ctx.db, f.hosts.slice(0, 3));
      const first = await getAccountStatus(ctx, input);
      if (label === 'no filter, by name' && first.total !== f.accounts) throw new Error(`the status fixture answers ${first.total} accounts, expected ${f.accounts}`);
      const times: number[] = [];
      for (let i = 0; i < b.profile.statusRuns; i++) {
        const t0 = performance.now();
        await getAccountStatus(ctx, input);
        times.push(performance.now() - t0);
      }
      times.sort((x, y) => x - y);
      all.push(...times);
      perShape.push({ label, p95: percentile(times, 0.95) });
    }
    all.sort((x, y) => x - y);
    const worst = perShape.reduce((a, c) => (c.p95 > a.p95 ? c : a));
    return [result({
      name: 'status at scale p95', value: percentile(all, 0.95), unit: 'ms', goal: STATUS_GOAL, digits: 1,
      detail: `getAccountStatus over ${f.accounts.toLocaleString('en-US')} replicated accounts, ${perShape.length} query shapes x ${b.profile.statusRuns}; ` +
        `p50 ${percentile(all, 0.5).toFixed(1)} ms; slowest shape "${worst.label}" p95 ${worst.p95.toFixed(1)} ms`,
    })];
  } finally {
    await ctx.close();
  }
}

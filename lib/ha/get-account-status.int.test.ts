import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createHaContext, type HaContextHandle } from './context';
import { getAccountStatus, streamAccountStatus } from '.';
import { addAccounts, addServers, refreshHeartbeats } from './get-account-status-fixture';
import type { GetAccountStatusInput } from '../schemas/commands';

const M1 = 'm1.rep-st.test';
const M2 = 'm2.rep-st.test';
const M3 = 'm3.rep-st.test'; // its node is down (stale heartbeat)
let env: TestEnv;
let ha: HaContextHandle;

beforeAll(async () => {
  env = await createTestEnv('rep_status');
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-st.test', role: 'global_admin', origin: 'console' }, log: env.log });
  await addServers(ha.db, [{ host: M1, alive: true }, { host: M2, alive: true }, { host: M3, alive: false }]);
  await addAccounts(ha.db, [
    { name: 'u1@a.rep-st.test', mailHost: M1, status: { mailboxId: 11, sequence: 500, itemId: 900 }, replicas: [
      { destination: M3, priority: 20, state: 'active', sequence: 450, itemId: 880, mailboxId: 31, lagEvents: 50, lagSeconds: 12.5 },
      { destination: M2, priority: 10, state: 'active', sequence: 500, itemId: 900, mailboxId: 21 },
    ] },
    { name: 'u2@a.rep-st.test', mailHost: M1, paused: true, status: { mailboxId: 12, sequence: 40, itemId: 300 }, replicas: [
      { destination: M2, priority: 5, state: 'paused', sequence: 30, itemId: 290, lagEvents: 10, lagSeconds: 2 }] },
    { name: 'u3@b.rep-st.test', mailHost: M2, status: { mailboxId: 13, sequence: 7, itemId: 256 }, replicas: [
      { destination: M1, priority: 10, state: 'initializing', sequence: 0, lagEvents: 6 }] },
    { name: 'u4@b.rep-st.test', mailHost: M2, status: { mailboxId: 14, sequence: 70, itemId: 400 }, replicas: [
      { destination: M1, priority: 10, state: 'active', sequence: 63, itemId: 400, lagEvents: 7, lagSeconds: 3.5 }] },
    { name: 'u5@b.rep-st.test', mailHost: M1, status: { mailboxId: 15, sequence: 9, itemId: 260 }, replicas: [
      { destination: M2, priority: 10, state: 'failed', sequence: 8, lagEvents: 1, lagSeconds: 0.5, lastError: 'event at partition 3 offset 17 rejected: boom' }] },
    { name: 'u6@a.rep-st.test', mailHost: M1, replicas: [] },
    { name: 'staff@a.rep-st.test', mailHost: M1, kind: 'distribution_list', replicas: [] },
  ]);
});
beforeEach(async () => refreshHeartbeats(ha.db, [M1, M2]));
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

/** The names on one page of a query; every query here fits one page, so its total is their number. */
const names = async (input: GetAccountStatusInput) => {
  const page = await getAccountStatus(ha, input);
  expect(page.total, JSON.stringify(input)).toBe(page.accounts.length);
  return page.accounts.map((a) => a.accountName.split('@')[0]);
};

describe('getAccountStatus', () => {
  it('lists every replicated account (and only those) with every field of the reference', async () => {
    const page = await getAccountStatus(ha, {});
    expect(page.total).toBe(5);
    expect(page.accounts.map((a) => a.accountName)).toEqual(['u1@a.rep-st.test', 'u2@a.rep-st.test', 'u3@b.rep-st.test', 'u4@b.rep-st.test', 'u5@b.rep-st.test']);
    const u1 = page.accounts[0];
    expect(u1).toMatchObject({ accountMailHost: M1, paused: false, mailboxId: 11, sequence: 500, itemId: 900 });
    expect(u1.accountId).toMatch(/^[0-9a-f-]{36}$/);
    expect(u1.replicas).toEqual([
      expect.objectContaining({ accountId: u1.accountId, destination: M2, priority: 10, available: true, canConnectToKafka: true, state: 'active', sequence: 500, itemId: 900, mailboxId: 21, lagEvents: 0, lagSeconds: 0, lastError: null }),
      // M3's node is down: not available, and its last report of Kafka connectivity no longer counts.
      expect.objectContaining({ destination: M3, priority: 20, available: false, canConnectToKafka: false, state: 'active', sequence: 450, mailboxId: 31, lagEvents: 50, lagSeconds: 12.5 }),
    ]);
    expect(u1.replicas[0].updatedAt).not.toBeNull();
    const u5 = page.accounts[4];
    expect(u5.replicas[0]).toMatchObject({ state: 'failed', available: false, lastError: 'event at partition 3 offset 17 rejected: boom' });
  });

  it('filters by mailHost, replicaServer, accounts, domains, accountStatus, replicaStatus, replicaState and text', async () => {
    expect(await names({ mailHost: M1 })).toEqual(['u1', 'u2', 'u5']);
    expect(await names({ replicaServer: M1 })).toEqual(['u3', 'u4']);
    expect(await names({ accounts: ['u4@b.rep-st.test', 'U1@A.rep-st.test'] })).toEqual(['u1', 'u4']);
    expect(await names({ domains: ['b.rep-st.test'] })).toEqual(['u3', 'u4', 'u5']);
    expect(await names({ accountStatus: 'paused' })).toEqual(['u2']);
    expect(await names({ accountStatus: 'active' })).toEqual(['u1', 'u3', 'u4', 'u5']);
    expect(await names({ replicaStatus: 'available' })).toEqual(['u1', 'u4']);
    expect(await names({ replicaStatus: 'unavailable' })).toEqual(['u1', 'u2', 'u3', 'u5']);
    expect(await names({ replicaState: 'failed' })).toEqual(['u5']);
    expect(await names({ q: 'u4' })).toEqual(['u4']);
    expect(await names({ q: '%' })).toEqual([]);
  });

  it('combines filters, replica filters holding on one same replica', async () => {
    expect(await names({ mailHost: M1, replicaStatus: 'unavailable' })).toEqual(['u1', 'u2', 'u5']);
    expect(await names({ replicaServer: M3, replicaStatus: 'available' })).toEqual([]);
    expect(await names({ replicaServer: M2, replicaStatus: 'available' })).toEqual(['u1']);
    expect(await names({ domains: ['a.rep-st.test'], accountStatus: 'active', replicaServer: M2 })).toEqual(['u1']);
  });

  it('combines all six filters of the reference at once, with sorting by lag and paging', async () => {
    const all = { mailHost: M1, replicaServer: M2, accounts: ['u1@a.rep-st.test', 'u2@a.rep-st.test', 'u5@b.rep-st.test'] };
    expect(await names({ ...all, domains: ['a.rep-st.test'], accountStatus: 'active', replicaStatus: 'available' })).toEqual(['u1']);
    expect(await names({ ...all, domains: ['a.rep-st.test', 'b.rep-st.test'], accountStatus: 'active', replicaStatus: 'unavailable' })).toEqual(['u5']);
    expect(await names({ ...all, domains: ['a.rep-st.test'], accountStatus: 'paused', replicaStatus: 'unavailable' })).toEqual(['u2']);
    expect(await names({ ...all, domains: ['b.rep-st.test'], accountStatus: 'paused', replicaStatus: 'unavailable' })).toEqual([]);
    // u1 lags most (50 events on M3) but its replica on M2 is available, so it is not listed.
    const lagging = await getAccountStatus(ha, { ...all, replicaStatus: 'unavailable', sort: 'lagEvents', order: 'desc', pageSize: 1 });
    expect(lagging.total).toBe(2);
    expect(lagging.accounts.map((a) => a.accountName)).toEqual(['u2@a.rep-st.test']);
    expect((await getAccountStatus(ha, { ...all, replicaStatus: 'unavailable', sort: 'lagEvents', order: 'desc', pageSize: 1, page: 2 })).accounts.map((a) => a.accountName))
      .toEqual(['u5@b.rep-st.test']);
  });

  it('answers with every mailstore down, from the materialized status, showing every replica unavailable', async () => {
    await ha.db.query('UPDATE mailstore_server SET heartbeatAt = NOW(3) - INTERVAL 1 HOUR');
    const page = await getAccountStatus(ha, { sort: 'lagEvents', order: 'desc' });
    expect(page.total).toBe(5);
    expect(page.accounts.map((a) => a.accountName.split('@')[0])).toEqual(['u1', 'u2', 'u4', 'u3', 'u5']);
    expect(page.accounts[0]).toMatchObject({ accountMailHost: M1, mailboxId: 11, sequence: 500, itemId: 900 });
    expect(page.accounts[0].replicas.map((r) => [r.destination, r.sequence, r.lagEvents])).toEqual([[M2, 500, 0], [M3, 450, 50]]);
    for (const r of page.accounts.flatMap((a) => a.replicas)) expect(r).toMatchObject({ available: false, canConnectToKafka: false });
    expect((await getAccountStatus(ha, { replicaStatus: 'available' })).total).toBe(0);
    expect((await getAccountStatus(ha, { replicaStatus: 'unavailable' })).total).toBe(5);
    expect(await names({ mailHost: M2, replicaServer: M1, replicaStatus: 'unavailable' })).toEqual(['u3', 'u4']);
  });

  it('sorts by any column, including lag, both ways, and pages on the server', async () => {
    expect(await names({ sort: 'lagEvents', order: 'desc' })).toEqual(['u1', 'u2', 'u4', 'u3', 'u5']);
    expect(await names({ sort: 'lagSeconds', order: 'desc' })).toEqual(['u1', 'u4', 'u2', 'u5', 'u3']);
    expect(await names({ sort: 'sequence', order: 'asc' })).toEqual(['u3', 'u5', 'u2', 'u4', 'u1']);
    expect(await names({ sort: 'priority', order: 'asc' })).toEqual(['u2', 'u1', 'u3', 'u4', 'u5']);
    expect(await names({ sort: 'state', order: 'desc' })).toEqual(['u5', 'u3', 'u2', 'u4', 'u1']);
    expect(await names({ sort: 'accountMailHost', order: 'desc' })).toEqual(['u4', 'u3', 'u5', 'u2', 'u1']);
    expect(await names({ sort: 'accountName', order: 'desc' })).toEqual(['u5', 'u4', 'u3', 'u2', 'u1']);
    const p2 = await getAccountStatus(ha, { pageSize: 2, page: 2 });
    expect(p2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(p2.accounts.map((a) => a.accountName.split('@')[0])).toEqual(['u3', 'u4']);
    expect((await getAccountStatus(ha, { pageSize: 2, page: 4 })).accounts).toEqual([]);
  });

  it('limits a domain administrator to their domains', async () => {
    const viewer = ha.withActor({ email: 'v@a.rep-st.test', role: 'domain_admin', origin: 'console', domains: ['a.rep-st.test'] });
    expect((await getAccountStatus(viewer, {})).accounts.map((a) => a.accountName.split('@')[0])).toEqual(['u1', 'u2']);
    await expect(getAccountStatus(viewer, { domains: ['b.rep-st.test'] })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses malformed filters with a clear message', async () => {
    await expect(getAccountStatus(ha, { accounts: ['u*@a.rep-st.test'] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(getAccountStatus(ha, { replicaStatus: 'maybe' as 'available' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('streams every account in order without a page limit', async () => {
    const seen: string[] = [];
    for await (const a of streamAccountStatus(ha, { domains: ['a.rep-st.test', 'b.rep-st.test'] })) seen.push(a.accountName.split('@')[0]);
    expect(seen).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  });
});

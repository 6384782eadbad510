import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HaContextHandle } from '../../lib/ha/context';
import { getAccountStatus } from '../../lib/ha/get-account-status';
import { listPromotions } from '../../lib/ha/list-promotions';
import { waitForOperation } from '../../lib/ha/operations/wait';
import { promoteAccounts } from '../../lib/ha/promote-accounts';
import { verifyAccount } from '../../lib/ha/verify-account';
import { expectedLiveItems, readAckedLog } from '../../lib/traffic/acked-check';
import { runTraffic } from '../../lib/traffic/run-traffic';
import { waitFor } from '../../lib/mailstore/testing/seed';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { coreContext, itemIdsOn, license, replicate, seedMailboxes } from './promotion-kit';

const SRC = 'mbox1.prm-sw.test';
const A = 'mbox2.prm-sw.test';
const B = 'mbox3.prm-sw.test';
let env: TestEnv;
let ctx: HaContextHandle;
let accounts: { id: string; name: string }[];

beforeAll(async () => {
  env = await createTestEnv('prm_switch');
  await license(env);
  const src = await env.startNode(SRC);
  await env.startNode(A);
  await env.startNode(B);
  ctx = coreContext(env);
  accounts = await seedMailboxes(env, SRC, src.apiUrl, 20, 'prm-sw.test');
  await replicate(ctx, accounts.map((a) => a.name), [{ host: A, priority: 10 }, { host: B, priority: 20 }]);
}, 300_000);

afterAll(async () => {
  await ctx?.close();
  await env?.cleanup();
});

it('dry run changes nothing and shows where each account would go', async () => {
  const r = await promoteAccounts(ctx, { accounts: accounts.slice(0, 2).map((a) => a.name), dryRun: true });
  expect(r.dryRun).toBe(true);
  expect(r.plan).toEqual(accounts.slice(0, 2).map((a) => expect.objectContaining({ accountName: a.name, sourceMailHost: SRC, destination: A, priority: 10, blockers: [] })));
  const rows = await env.prisma.account.findMany({ where: { id: { in: accounts.map((a) => a.id) } } });
  expect(rows.every((a) => a.mailHost === SRC && a.epoch === 1 && a.promotingTo === null)).toBe(true);
});

it('switchover under traffic: 20 accounts move to their lowest-number replica, no acknowledged write is lost, the other replica stays equal', async () => {
  const ackedLog = path.join(mkdtempSync(path.join(os.tmpdir(), 'prm-sw-')), 'acked.jsonl');
  const stop = new AbortController();
  const traffic = runTraffic({ haDbUrl: env.haDbUrl, accounts: accounts.map((a) => a.name), rate: 80, seconds: 180, ackedLog, signal: stop.signal });
  await new Promise((r) => setTimeout(r, 4000));
  const started = await promoteAccounts(ctx, { accounts: accounts.map((a) => a.name) });
  if (started.dryRun) throw new Error('expected a real promotion');
  const op = await waitForOperation(ctx, started.operationId, { timeoutMs: 60_000, pollMs: 100 });
  expect(op.state, JSON.stringify([op.message, ...op.items.map((i) => i.message).slice(0, 3)])).toBe('succeeded');
  // Traffic goes on after the promotion until every account has been written on its new host.
  await waitFor('traffic on the new mailstore', async () => {
    const lines = readAckedLog(ackedLog);
    return accounts.every((a) => lines.some((l) => l.accountId === a.id && l.host === A));
  }, 60_000, 500);
  stop.abort();
  const counts = await traffic;
  expect(counts.acked, JSON.stringify(counts)).toBeGreaterThan(100);
  expect(counts.moved).toBeGreaterThanOrEqual(20);

  const moved = await env.prisma.account.findMany({ where: { id: { in: accounts.map((a) => a.id) } } });
  expect(moved.every((a) => a.mailHost === A && a.epoch === 2 && a.promotingTo === null)).toBe(true);
  const replicas = await env.prisma.replica.findMany({ where: { accountId: { in: accounts.map((a) => a.id) } } });
  expect(replicas.every((r) => r.destination === B && r.sourceHost === A)).toBe(true);
  expect(replicas).toHaveLength(20);
  // The status count of "source A, replica on B" reads the replicas' copy of the source host.
  expect((await getAccountStatus(ctx, { mailHost: A, replicaServer: B })).total).toBe(20);
  expect((await getAccountStatus(ctx, { mailHost: SRC, replicaServer: B })).total).toBe(0);

  const lines = readAckedLog(ackedLog);
  expect(lines.some((l) => l.host === SRC) && lines.some((l) => l.host === A)).toBe(true);
  const live = expectedLiveItems(lines);
  for (const a of accounts) {
    const onA = await itemIdsOn(env.mailstoreDbUrl(A), a.id);
    expect(onA?.state).toBe('primary');
    const missing = [...(live.get(a.id) ?? [])].filter((id) => !onA!.ids.has(id));
    expect(missing, `${a.name}: acknowledged items missing on ${A}`).toEqual([]);
    const onSrc = await itemIdsOn(env.mailstoreDbUrl(SRC), a.id);
    expect(onSrc?.state).toBe('stale');
  }
  for (const a of accounts) {
    const v = await verifyAccount(ctx, { account: a.name, timeoutMs: 20_000 });
    expect(v.source).toBe(A);
    expect(v.replicas.map((r) => [r.destination, r.equal])).toEqual([[B, true]]);
  }
  const history = await listPromotions(ctx, { operationId: started.operationId, limit: 100 });
  expect(history).toHaveLength(20);
  expect(history.every((h) => h.result === 'promoted' && h.fromHost === SRC && h.toHost === A && h.durationMs >= 0)).toBe(true);
  const notes = await env.prisma.notification.findMany({ where: { operationId: started.operationId } });
  expect(notes).toEqual([expect.objectContaining({ kind: 'promotion-completed', readAt: null })]);
}, 240_000);

it('an account whose only usable replica is paused is not promoted and says why; others go on', async () => {
  const [one, two] = accounts;
  await env.prisma.replica.updateMany({ where: { accountId: one.id }, data: { state: 'paused' } });
  const started = await promoteAccounts(ctx, { accounts: [one.name, two.name] });
  if (started.dryRun) throw new Error('expected a real promotion');
  const op = await waitForOperation(ctx, started.operationId, { timeoutMs: 60_000, pollMs: 100 });
  expect(op.state).toBe('partial');
  expect(op.items.find((i) => i.accountName === one.name)).toMatchObject({ state: 'failed', message: expect.stringContaining('paused') });
  expect(op.items.find((i) => i.accountName === two.name)).toMatchObject({ state: 'succeeded' });
  expect((await env.prisma.account.findUnique({ where: { id: two.id } }))?.mailHost).toBe(B);
  expect((await env.prisma.account.findUnique({ where: { id: one.id } }))?.mailHost).toBe(A);
}, 120_000);

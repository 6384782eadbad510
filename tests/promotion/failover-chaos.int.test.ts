import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withDatabase } from '../../lib/db/url';
import type { HaContextHandle } from '../../lib/ha/context';
import { waitForOperation } from '../../lib/ha/operations/wait';
import { promoteAccounts } from '../../lib/ha/promote-accounts';
import { verifyAccount } from '../../lib/ha/verify-account';
import { MailboxClient } from '../../lib/mailstore/api-client';
import { waitFor } from '../../lib/mailstore/testing/seed';
import { expectedLiveItems, readAckedLog } from '../../lib/traffic/acked-check';
import { runTraffic } from '../../lib/traffic/run-traffic';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { coreContext, itemIdsOn, license, replicate, seedMailboxes } from './promotion-kit';

// Issue 5's failover chaos test: traffic on 50 accounts of mbox1, each replicated to the two
// other mailstores with different priorities; mbox1 is SIGKILLed mid-traffic and its database
// made unreachable; promoteAccounts source_mail_host mbox1; then nothing acknowledged is missing.
const MBOX1 = 'mbox1.prm-chaos.test';
const MBOX2 = 'mbox2.prm-chaos.test';
const MS1 = 'mailstore1.prm-chaos.test';
let env: TestEnv;
let ctx: HaContextHandle;
let proxy: TcpProxy;
let accounts: { id: string; name: string }[];
let mbox1: Awaited<ReturnType<TestEnv['spawnNode']>>;

beforeAll(async () => {
  env = await createTestEnv('prm_chaos');
  await license(env);
  // mbox1 reaches its own database through a relay that the test can cut.
  proxy = new TcpProxy(new URL(env.dbUrl).port ? Number(new URL(env.dbUrl).port) : 3306);
  const proxyPort = await proxy.open();
  const mbox1Db = withDatabase(`mysql://root@127.0.0.1:${proxyPort}`, new URL(env.mailstoreDbUrl(MBOX1)).pathname.slice(1));
  mbox1 = await env.spawnNode(MBOX1, { env: { CARBONIO_MAILSTORE_DB_URL: mbox1Db } });
  await env.spawnNode(MBOX2);
  await env.spawnNode(MS1);
  ctx = coreContext(env);
  accounts = await seedMailboxes(env, MBOX1, mbox1.apiUrl, 50, 'prm-chaos.test');
  const odd = accounts.filter((_, i) => i % 2 === 1).map((a) => a.name);
  const even = accounts.filter((_, i) => i % 2 === 0).map((a) => a.name);
  await replicate(ctx, even, [{ host: MBOX2, priority: 10 }, { host: MS1, priority: 20 }]);
  await replicate(ctx, odd, [{ host: MS1, priority: 5 }, { host: MBOX2, priority: 50 }]);
}, 400_000);

afterAll(async () => {
  await ctx?.close();
  await env?.cleanup();
  await proxy?.close();
});

it('SIGKILL of the source mid-traffic, its database unreachable: every account goes to its lowest-number replica, nothing acknowledged is lost, replicas converge, mbox1 comes back serving none', async () => {
  const ackedLog = path.join(mkdtempSync(path.join(os.tmpdir(), 'prm-chaos-')), 'acked.jsonl');
  const stop = new AbortController();
  const traffic = runTraffic({ haDbUrl: env.haDbUrl, accounts: accounts.map((a) => a.name), rate: 100, seconds: 300, ackedLog, signal: stop.signal });
  await waitFor('traffic acknowledged on mbox1', () => readAckedLog(ackedLog).filter((l) => l.host === MBOX1).length > 100, 60_000, 200);

  mbox1.child.kill('SIGKILL');
  await proxy.close();
  const t0 = Date.now();
  const started = await promoteAccounts(ctx, { sourceMailHost: MBOX1 });
  if (started.dryRun) throw new Error('expected a real promotion');
  expect(started.accounts).toBe(50);
  const op = await waitForOperation(ctx, started.operationId, { timeoutMs: 120_000, pollMs: 100 });
  const seconds = (Date.now() - t0) / 1000;
  expect(op.state, JSON.stringify(op.items.filter((i) => i.state !== 'succeeded').slice(0, 3))).toBe('succeeded');
  console.log(`[chaos] promoted 50 accounts of a dead mailstore in ${seconds.toFixed(2)} s`);

  await waitFor('traffic on the new mailstores', () => {
    const lines = readAckedLog(ackedLog);
    return accounts.every((a) => lines.some((l) => l.accountId === a.id && l.host !== MBOX1));
  }, 90_000, 500);
  stop.abort();
  await traffic;

  // Each account went to its lowest-number replica.
  const rows = await env.prisma.account.findMany({ where: { id: { in: accounts.map((a) => a.id) } }, include: { replicas: true } });
  for (const [i, a] of accounts.entries()) {
    const row = rows.find((r) => r.id === a.id)!;
    expect(row.mailHost, a.name).toBe(i % 2 === 0 ? MBOX2 : MS1);
    expect(row.replicas.map((r) => r.destination)).toEqual([i % 2 === 0 ? MS1 : MBOX2]);
  }

  // Every acknowledged operation is there; no sequence was acknowledged twice (no split brain),
  // and each account's writes moved from mbox1 to its new host once, never back.
  const lines = readAckedLog(ackedLog);
  const live = expectedLiveItems(lines);
  for (const a of accounts) {
    const host = rows.find((r) => r.id === a.id)!.mailHost;
    const mine = lines.filter((l) => l.accountId === a.id).sort((x, y) => x.seq - y.seq);
    expect(new Set(mine.map((l) => l.seq)).size, `${a.name}: a sequence acknowledged twice`).toBe(mine.length);
    const firstNew = mine.findIndex((l) => l.host !== MBOX1);
    expect(mine.slice(firstNew).every((l) => l.host === host), `${a.name}: served by two mailstores`).toBe(true);
    const onNew = await itemIdsOn(env.mailstoreDbUrl(host), a.id);
    const missing = [...(live.get(a.id) ?? [])].filter((id) => !onNew!.ids.has(id));
    expect(missing, `${a.name}: acknowledged items missing on ${host}`).toEqual([]);
  }

  // The remaining replicas converge on the new primaries.
  for (const a of accounts) {
    const v = await verifyAccount(ctx, { account: a.name, timeoutMs: 30_000 });
    expect(v.replicas.map((r) => r.equal), `${a.name}: ${JSON.stringify(v.replicas)}`).toEqual([true]);
  }

  // mbox1 comes back (database reachable again): it serves none of them and publishes nothing.
  await proxy.open(proxy.port);
  const back = await env.spawnNode(MBOX1, { env: { CARBONIO_MAILSTORE_DB_URL: withDatabase(`mysql://root@127.0.0.1:${proxy.port}`, new URL(env.mailstoreDbUrl(MBOX1)).pathname.slice(1)) } });
  for (const a of accounts) expect((await itemIdsOn(env.mailstoreDbUrl(MBOX1), a.id))?.state, `${a.name} on the old source`).toBe('stale');
  const api = new MailboxClient(back.apiUrl);
  for (const a of accounts.slice(0, 10)) {
    await expect(api.deliver(a.id, { folderId: 2, sender: 'x@example.net', recipients: [a.name], subject: 'after', body: 'x' })).rejects.toMatchObject({ code: 'fenced' });
  }
  await new Promise((r) => setTimeout(r, 3000));
  for (const a of accounts.slice(0, 10)) {
    const v = await verifyAccount(ctx, { account: a.name, timeoutMs: 30_000 });
    expect(v.replicas.every((r) => r.equal)).toBe(true);
  }
}, 600_000);

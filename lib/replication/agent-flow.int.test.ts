import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { getAccountStatus, getOperation, listNotifications, pauseReplicas, removeAccountDestination, restartReplicas, setAccountDestination, verifyAccount, waitForOperation } from '../ha';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import type { MailstoreNode } from '../node/node';
import { createAccounts, resetAgentGroups, waitFor } from './agent-test-env';

// The whole path on real Kafka and MariaDB: full nodes (mailbox service, publisher, agent,
// snapshot taker, status reporter, operation worker), the real commands and the traffic generator.
const SRC = 'mbox1.rep-flow.test';
const DST = 'mbox2.rep-flow.test';
const NAMES = ['ann@rep-flow.test', 'ben@rep-flow.test', 'cat@rep-flow.test'];
let env: TestEnv;
let ha: HaContextHandle;
let dstDb: Pool;
let srcDb: Pool;
let dst: MailstoreNode;
let ids: string[] = [];

beforeAll(async () => {
  process.env.CARBONIO_LAG_SAMPLE_MS = '1000';
  env = await createTestEnv('rep_flow', { verbose: process.env.REP_VERBOSE === '1' });
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST]);
  await env.startNode(SRC);
  dst = await env.startNode(DST);
  await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 10 } });
  ids = (await createAccounts(env.prisma, SRC, NAMES)).map((a) => a.id);
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-flow.test', role: 'global_admin', origin: 'cli' }, log: env.log });
  dstDb = createPool(env.mailstoreDbUrl(DST));
  srcDb = createPool(env.mailstoreDbUrl(SRC));
  // Some history before protection starts.
  const pre = await runTraffic({ haDbUrl: env.haDbUrl, accounts: NAMES, rate: 150, seconds: 4 });
  expect(pre.acked, JSON.stringify(pre)).toBeGreaterThan(3);
});
afterAll(async () => {
  delete process.env.CARBONIO_LAG_SAMPLE_MS;
  await dstDb?.end();
  await srcDb?.end();
  await ha?.close();
  await env?.cleanup();
});

const appliedSeq = async (id: string) => Number((await dstDb.query('SELECT applied_seq FROM replica_position WHERE account_id = ?', [id]))[0]?.applied_seq ?? -1);
const sourceSeq = async (id: string) => Number((await srcDb.query('SELECT change_checkpoint FROM mailbox WHERE account_id = ?', [id]))[0].change_checkpoint);

describe('replicas of three accounts', () => {
  it('initialise under live traffic, complete their operation with a notification, and verify equal', async () => {
    const abort = new AbortController();
    const traffic = runTraffic({ haDbUrl: env.haDbUrl, accounts: NAMES, rate: 90, seconds: 60, signal: abort.signal });
    await new Promise((r) => setTimeout(r, 1000));
    const ref = await setAccountDestination(ha, { destination: DST, priority: 10, accounts: NAMES });
    expect(ref).toMatchObject({ kind: 'setAccountDestination', accounts: 3, duplicates: [] });
    const op = await waitForOperation(ha, ref.operationId, { timeoutMs: 60_000 });
    expect(op.state).toBe('succeeded');
    expect(op.items.map((i) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    await new Promise((r) => setTimeout(r, 1500));
    abort.abort();
    const counts = await traffic;
    expect(counts.replicated).toBeGreaterThan(10);
    for (const name of NAMES) {
      const v = await verifyAccount(ha, { account: name });
      expect(v.replicas).toHaveLength(1);
      expect(v.replicas[0], JSON.stringify(v.replicas[0].differences)).toMatchObject({ destination: DST, equal: true });
      expect(v.replicas[0].sequence).toBeGreaterThan(5);
    }
    const agentStats = await (await fetch(`${dst.apiUrl}/api/replication/agent`)).json();
    expect(agentStats).toMatchObject({ connected: true, poison: 0 });
    expect(agentStats.applied).toBeGreaterThan(10);
    expect(agentStats.latencyMs.p50).toBeGreaterThanOrEqual(0);
    const notes = await listNotifications(ha);
    expect(notes.some((n) => n.operationId === ref.operationId && n.kind === 'replica-initialised')).toBe(true);
  });

  it('shows the replicas active, available and caught up in getAccountStatus', async () => {
    const page = await waitFor('the status to show every replica caught up', async () => {
      const p = await getAccountStatus(ha, { replicaServer: DST });
      return p.total === 3 && p.accounts.every((a) => a.replicas[0]?.lagEvents === 0 && a.replicas[0].sequence === a.sequence && a.sequence > 0) ? p : undefined;
    }, 15_000);
    for (const a of page.accounts) {
      expect(a).toMatchObject({ accountMailHost: SRC, paused: false });
      expect(a.mailboxId).toBeGreaterThan(0);
      expect(a.replicas[0]).toMatchObject({ destination: DST, available: true, canConnectToKafka: true, state: 'active', priority: 10, lastError: null });
      expect(a.replicas[0].mailboxId).toBeGreaterThan(0);
      expect(a.replicas[0].itemId).toBe(a.itemId);
    }
  });

  it('pause stops applying while traffic goes on; restart applies what was held and catches up', async () => {
    const pause = await pauseReplicas(ha, { accounts: [NAMES[0]] });
    expect((await waitForOperation(ha, pause.operationId, { timeoutMs: 30_000 })).state).toBe('succeeded');
    const before = await appliedSeq(ids[0]);
    const srcBefore = await sourceSeq(ids[0]);
    await runTraffic({ haDbUrl: env.haDbUrl, accounts: [NAMES[0]], rate: 60, seconds: 3 });
    expect(await sourceSeq(ids[0])).toBeGreaterThan(srcBefore + 5);
    expect(await appliedSeq(ids[0])).toBe(before);
    const [{ n }] = await dstDb.query('SELECT COUNT(*) n FROM replica_pending_event WHERE account_id = ?', [ids[0]]);
    expect(Number(n)).toBeGreaterThan(5);
    const status = await getAccountStatus(ha, { accounts: [NAMES[0]] });
    expect(status.accounts[0]).toMatchObject({ paused: true });
    expect(status.accounts[0].replicas[0]).toMatchObject({ state: 'paused', available: false });
    expect((await getAccountStatus(ha, { accountStatus: 'paused' })).accounts.map((a) => a.accountName)).toEqual([NAMES[0]]);

    const restart = await restartReplicas(ha, { accounts: [NAMES[0]] });
    expect((await waitForOperation(ha, restart.operationId, { timeoutMs: 30_000 })).state).toBe('succeeded');
    await waitFor('the replica to catch up', async () => (await appliedSeq(ids[0])) === (await sourceSeq(ids[0])), 15_000);
    const v = await verifyAccount(ha, { account: NAMES[0] });
    expect(v.replicas[0].equal).toBe(true);
    const [{ n: left }] = await dstDb.query('SELECT COUNT(*) n FROM replica_pending_event WHERE account_id = ?', [ids[0]]);
    expect(Number(left)).toBe(0);
    // The lag chart: samples while the paused replica fell behind, and a zero once it caught up.
    const replica = await env.prisma.replica.findFirstOrThrow({ where: { accountId: ids[0] } });
    const samples = await waitFor('a zero lag sample after the catch-up', async () => {
      const s = await env.prisma.lagSample.findMany({ where: { replicaId: replica.id }, orderBy: { id: 'asc' } });
      return s.length && s[s.length - 1].lagEvents === 0 ? s : undefined;
    }, 15_000);
    expect(Math.max(...samples.map((x) => x.lagEvents))).toBeGreaterThan(5);
  });

  it('remove deletes the replica on the destination, its status, and the source stops publishing', async () => {
    const ref = await removeAccountDestination(ha, { destination: DST, accounts: [NAMES[2]] });
    const op = await waitForOperation(ha, ref.operationId, { timeoutMs: 30_000 });
    expect(op.state).toBe('succeeded');
    expect(op.items[0].message).toContain('removed from');
    expect(await dstDb.query('SELECT id FROM mailbox WHERE account_id = ?', [ids[2]])).toEqual([]);
    expect(await dstDb.query('SELECT account_id FROM replica_position WHERE account_id = ?', [ids[2]])).toEqual([]);
    const [{ n }] = await dstDb.query('SELECT COUNT(*) n FROM mail_item i JOIN mailbox m ON m.id = i.mailbox_id WHERE m.account_id = ?', [ids[2]]);
    expect(Number(n)).toBe(0);
    expect(await env.prisma.replica.count({ where: { accountId: ids[2] } })).toBe(0);
    expect(await env.prisma.replicaStatus.count({ where: { accountId: ids[2] } })).toBe(0);
    await waitFor('the source to stop publishing', async () => Number((await srcDb.query('SELECT publishing FROM mailbox WHERE account_id = ?', [ids[2]]))[0].publishing) === 0, 10_000);
    expect((await getAccountStatus(ha, {})).accounts.map((a) => a.accountName).sort()).toEqual([NAMES[0], NAMES[1]]);
    expect((await getOperation(ha, ref.operationId)).itemsTotal).toBe(1);
  });

  it('a removal while the destination is down ends saying so, and the destination deletes its copy when it comes back', async () => {
    await dst.stop();
    await waitFor('the destination heartbeat to go stale', async () => {
      const m = await env.prisma.mailstoreServer.findUnique({ where: { host: DST } });
      return m?.heartbeatAt && Date.now() - m.heartbeatAt.getTime() > 11_000 ? m : undefined;
    }, 30_000, 500);
    const ref = await removeAccountDestination(ha, { destination: DST, accounts: [NAMES[1]] });
    const op = await waitForOperation(ha, ref.operationId, { timeoutMs: 60_000 });
    expect(op.state).toBe('succeeded');
    expect(op.items[0].message).toMatch(/is down: it deletes its copy when it comes back/);
    expect((await env.prisma.replica.findFirstOrThrow({ where: { accountId: ids[1] } })).state).toBe('removing');
    expect((await dstDb.query('SELECT id FROM mailbox WHERE account_id = ?', [ids[1]])).length).toBe(1);
    dst = await env.startNode(DST);
    await waitFor('the returning destination to delete its copy', async () => (await env.prisma.replica.count({ where: { accountId: ids[1] } })) === 0, 30_000);
    expect(await dstDb.query('SELECT id FROM mailbox WHERE account_id = ?', [ids[1]])).toEqual([]);
  }, 180_000);
});

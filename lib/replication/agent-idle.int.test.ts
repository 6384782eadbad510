import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { removeAccountDestination, setAccountDestination, verifyAccount, waitForOperation } from '../ha';
import type { MailstoreNode } from '../node/node';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createAccounts, resetAgentGroups, waitFor } from './agent-test-env';

// A mailstore that holds no replica does not read the stream (its agent stays in its group but
// stops fetching); it fetches again before it announces its first replica, which then
// initialises and verifies equal; without replicas again, it goes back to idle.
const SRC = 'mbox1.rep-idle.test';
const DST = 'mbox2.rep-idle.test';
const OTHER = 'mbox3.rep-idle.test';
const FRESH = 'mbox4.rep-idle.test';
const NAMES = ['busy@rep-idle.test', 'late@rep-idle.test'];
let env: TestEnv;
let ha: HaContextHandle;
let dst: MailstoreNode;

interface AgentView { idle: boolean; records: number; connected: boolean }
const agent = async (n: MailstoreNode): Promise<AgentView> => (await fetch(`${n.apiUrl}/api/replication/agent`)).json() as Promise<AgentView>;

beforeAll(async () => {
  env = await createTestEnv('rep_idle');
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST, OTHER, FRESH]);
  const config = { agentIdlePauseMs: 300 };
  await env.startNode(SRC, { config });
  dst = await env.startNode(DST, { config });
  await env.startNode(OTHER, { config });
  await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 10 } });
  await createAccounts(env.prisma, SRC, NAMES);
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-idle.test', role: 'global_admin', origin: 'cli' }, log: env.log });
});
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

it('an idle destination reads none of the events of others, then initialises its first replica and goes idle again after removing it', async () => {
  // OTHER protects the busy account: its events flow while DST holds nothing.
  const busy = await setAccountDestination(ha, { destination: OTHER, priority: 10, accounts: [NAMES[0]] });
  expect((await waitForOperation(ha, busy.operationId, { timeoutMs: 60_000 })).state).toBe('succeeded');
  const idle = await waitFor('the destination to go idle', async () => {
    const a = await agent(dst);
    return a.idle && a.connected ? a : undefined;
  }, 20_000);
  const traffic = await runTraffic({ haDbUrl: env.haDbUrl, accounts: [NAMES[0]], rate: 100, seconds: 3 });
  expect(traffic.replicated).toBeGreaterThan(20);
  expect((await agent(dst)).records).toBe(idle.records);

  const late = await setAccountDestination(ha, { destination: DST, priority: 10, accounts: [NAMES[1]] });
  const op = await waitForOperation(ha, late.operationId, { timeoutMs: 60_000 });
  expect(op.state, JSON.stringify(op.items)).toBe('succeeded');
  expect((await agent(dst)).idle).toBe(false);
  await runTraffic({ haDbUrl: env.haDbUrl, accounts: NAMES, rate: 60, seconds: 2 });
  await waitFor('the new replica to verify equal', async () => {
    const v = await verifyAccount(ha, { account: NAMES[1] });
    return v.replicas[0]?.equal && (v.replicas[0].sequence ?? 0) > 0 ? v : undefined;
  }, 30_000);
  const other = await verifyAccount(ha, { account: NAMES[0] });
  expect(other.replicas).toMatchObject([{ destination: OTHER, equal: true }]);

  const removed = await removeAccountDestination(ha, { destination: DST, accounts: [NAMES[1]] });
  expect((await waitForOperation(ha, removed.operationId, { timeoutMs: 30_000 })).state).toBe('succeeded');
  await waitFor('the destination to go idle again', async () => (await agent(dst)).idle, 20_000);
}, 240_000);

it('a mailstore that starts holding no replica stops fetching as soon as its agent joins, without the grace kept for a removed replica', async () => {
  // The grace is ten minutes here: only the start rule can make this agent idle within the test.
  const fresh = await env.startNode(FRESH, { config: { agentIdlePauseMs: 600_000 } });
  const view = await waitFor('the fresh agent to join and go idle', async () => {
    const a = await agent(fresh);
    return a.idle && a.connected ? a : undefined;
  }, 30_000);
  await runTraffic({ haDbUrl: env.haDbUrl, accounts: [NAMES[0]], rate: 100, seconds: 2 });
  expect((await agent(fresh)).records).toBe(view.records);
}, 120_000);

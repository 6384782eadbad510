import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { setAccountDestination, verifyAccount, waitForOperation } from '../ha';
import { exited } from '../mailstore/testing/process-tree';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createAccounts, resetAgentGroups, killTree, waitFor } from './agent-test-env';

// The destination runs as a child process that SIGKILLs itself inside a batch (before or after
// the database commit, CARBONIO_AGENT_FAULT); restarted, it must end equal to the source.
const SRC = 'mbox1.rep-kill.test';
const DST = 'mbox2.rep-kill.test';
let env: TestEnv;
let ha: HaContextHandle;
let dstDb: Pool;
let srcDb: Pool;
const children: ChildProcess[] = [];

beforeAll(async () => {
  env = await createTestEnv('rep_kill');
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST]);
  await env.startNode(SRC);
  await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 10 } });
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-kill.test', role: 'global_admin', origin: 'cli' }, log: env.log });
  dstDb = createPool(env.mailstoreDbUrl(DST), { connectionLimit: 2 });
  srcDb = createPool(env.mailstoreDbUrl(SRC), { connectionLimit: 2 });
});
afterAll(async () => {
  for (const c of children) killTree(c.pid, 'SIGKILL');
  await dstDb?.end();
  await srcDb?.end();
  await ha?.close();
  await env?.cleanup();
});

async function spawnDestination(fault?: string) {
  const { child } = await env.spawnNode(DST, { env: (fault ? { CARBONIO_AGENT_FAULT: fault } : {}) as NodeJS.ProcessEnv });
  children.push(child);
  return child;
}

it.each([
  ['kill-before-commit:6', ['dan@rep-kill.test', 'eve@rep-kill.test']],
  ['kill-after-commit:6', ['fay@rep-kill.test', 'gil@rep-kill.test']],
])('an agent killed by %s mid-batch restarts and ends equal to its source, without duplicates', async (fault, names) => {
  const ids = (await createAccounts(env.prisma, SRC, names)).map((a) => a.id);
  await runTraffic({ haDbUrl: env.haDbUrl, accounts: names, rate: 100, seconds: 2 });
  const dying = await spawnDestination(fault);
  const abort = new AbortController();
  const traffic = runTraffic({ haDbUrl: env.haDbUrl, accounts: names, rate: 80, seconds: 120, signal: abort.signal });
  const ref = await setAccountDestination(ha, { destination: DST, priority: 10, accounts: names });
  const how = await Promise.race([exited(dying), new Promise((r) => setTimeout(() => r('still running'), 90_000))]);
  expect(['SIGKILL', 137]).toContain(how); // npx reports its child's SIGKILL as 137
  await spawnDestination();
  const op = await waitForOperation(ha, ref.operationId, { timeoutMs: 120_000 });
  expect(op.state).toBe('succeeded');
  await new Promise((r) => setTimeout(r, 1000));
  abort.abort();
  expect((await traffic).replicated).toBeGreaterThan(5);
  for (const [i, name] of names.entries()) {
    const v = await verifyAccount(ha, { account: name, timeoutMs: 30_000 });
    expect(v.replicas[0], JSON.stringify(v.replicas[0])).toMatchObject({ equal: true });
    const [src] = await srcDb.query('SELECT COUNT(*) n FROM mail_item i JOIN mailbox m ON m.id = i.mailbox_id WHERE m.account_id = ?', [ids[i]]);
    const [dst] = await dstDb.query('SELECT COUNT(*) n, COUNT(DISTINCT i.id) d FROM mail_item i JOIN mailbox m ON m.id = i.mailbox_id WHERE m.account_id = ?', [ids[i]]);
    expect(Number(dst.n)).toBe(Number(src.n));
    expect(Number(dst.d)).toBe(Number(dst.n));
    const [pos] = await dstDb.query('SELECT applied_seq, phase FROM replica_position WHERE account_id = ?', [ids[i]]);
    expect(pos.phase).toBe('active');
    expect(pos.applied_seq).toBe(v.replicas[0].sequence);
  }
  // The restarted destination runs until the next case replaces it.
  killTree(children[children.length - 1].pid, 'SIGTERM');
  await waitFor('the destination to stop', async () => children[children.length - 1].exitCode !== null || children[children.length - 1].signalCode !== null, 30_000);
}, 300_000);

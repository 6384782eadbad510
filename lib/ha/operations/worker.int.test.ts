import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction } from '../../db/pool';
import { createTestEnv, type TestEnv } from '../../../tests/support/test-env';
import { createHaContext, type HaContextHandle } from '../context';
import { getOperation, listNotifications, listOperations, markNotificationsRead, unreadNotificationCount, waitForOperation } from '..';
import { registerOperationHandler } from './registry';
import { insertOperation } from './store';
import { OperationWorker } from './worker';

// The operation worker: pluggable handlers per kind, leases that another node takes over when
// their holder stops renewing, and retry of a failing handler.
let env: TestEnv;
let ha: HaContextHandle;
let attempts = 0;

beforeAll(async () => {
  env = await createTestEnv('rep_worker');
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-worker.test', role: 'global_admin', origin: 'cli' }, log: env.log });
  // A stand-in for issue 5's promotion handler: marks every item done, failing once first.
  registerOperationHandler({
    kind: 'promoteAccounts',
    async run(job) {
      attempts++;
      const items = await job.items();
      if ((job.op.params as { failOnce?: boolean }).failOnce && attempts === 1) throw new Error('transient trouble');
      await job.updateItems(items.map((i) => ({ id: i.id, state: i.accountName.startsWith('bad') ? 'failed' : 'succeeded', message: `handled by ${job.node.config.host}` })));
      return { message: 'promoted', notification: { kind: 'promotion', title: 'Promotion completed', body: `${items.length} accounts` } };
    },
  });
  await env.startNode('mbox1.rep-worker.test', { factories: [(ctx) => [new OperationWorker(ctx, { pollMs: 200, leaseMs: 2000 })]] });
});
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

async function queue(params: object, names: string[], lease?: { owner: string; seconds: number }) {
  const id = randomUUID();
  await inTransaction(ha.db, async (conn) => {
    await insertOperation(conn, { id, kind: 'promoteAccounts', params, actor: ha.actor, items: names.map((n) => ({ accountId: null, accountName: n, destination: null })) });
    if (lease) {
      await conn.query("UPDATE operation SET state = 'running', leaseOwner = ?, leaseUntil = NOW(3) + INTERVAL ? SECOND, startedAt = NOW(3) WHERE id = ?", [lease.owner, lease.seconds, id]);
    }
  });
  return id;
}

it('runs the handler registered for the kind and ends the operation with per-item results and a notification', async () => {
  const id = await queue({}, ['a@rep-worker.test', 'bad@rep-worker.test']);
  const op = await waitForOperation(ha, id, { timeoutMs: 30_000 });
  expect(op).toMatchObject({ state: 'partial', total: 2, done: 2, failed: 1, message: 'promoted' });
  expect(op.items.map((i) => [i.accountName, i.state, i.message])).toEqual([
    ['a@rep-worker.test', 'succeeded', 'handled by mbox1.rep-worker.test'],
    ['bad@rep-worker.test', 'failed', 'handled by mbox1.rep-worker.test'],
  ]);
  expect((await listNotifications(ha)).find((n) => n.operationId === id)).toMatchObject({ kind: 'promotion', title: 'Promotion completed', readAt: null });
  expect((await listOperations(ha, { kind: 'promoteAccounts', state: 'partial' })).map((o) => o.id)).toContain(id);
});

it('takes over an operation whose lease its dead holder no longer renews', async () => {
  const id = await queue({}, ['c@rep-worker.test'], { owner: 'dead.rep-worker.test#1', seconds: 2 });
  await new Promise((r) => setTimeout(r, 1000));
  expect((await getOperation(ha, id)).state).toBe('running'); // still leased by the dead node
  const op = await waitForOperation(ha, id, { timeoutMs: 30_000 });
  expect(op.state).toBe('succeeded');
  expect(op.items[0].message).toBe('handled by mbox1.rep-worker.test');
});

it('retries a handler that failed', async () => {
  attempts = 0;
  const id = await queue({ failOnce: true }, ['d@rep-worker.test']);
  const op = await waitForOperation(ha, id, { timeoutMs: 30_000 });
  expect(op.state).toBe('succeeded');
  expect(attempts).toBe(2);
});

it('a timed-out wait names the operation to monitor', async () => {
  const id = await queue({}, ['e@rep-worker.test'], { owner: 'dead.rep-worker.test#2', seconds: 60 });
  await expect(waitForOperation(ha, id, { timeoutMs: 500 })).rejects.toThrow(`carbonio ha monitor ${id}`);
});

it('notifications are read and marked read; a domain administrator sees none and may not mark them', async () => {
  const before = await unreadNotificationCount(ha);
  expect(before).toBeGreaterThanOrEqual(3);
  const [latest] = await listNotifications(ha, { unreadOnly: true, limit: 1 });
  expect(await markNotificationsRead(ha, [latest.id])).toBe(1);
  expect(await unreadNotificationCount(ha)).toBe(before - 1);
  expect((await listNotifications(ha, { limit: 100 })).find((n) => n.id === latest.id)?.readAt).not.toBeNull();
  const viewer = ha.withActor({ email: 'v@rep-worker.test', role: 'domain_admin', origin: 'console', domains: ['rep-worker.test'] });
  expect(await listNotifications(viewer)).toEqual([]);
  await expect(markNotificationsRead(viewer, 'all')).rejects.toMatchObject({ code: 'forbidden' });
  expect(await markNotificationsRead(ha, 'all')).toBe(before - 1);
  expect(await unreadNotificationCount(ha)).toBe(0);
});

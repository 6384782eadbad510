import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction, type Conn } from '../../db/pool';
import { createTestEnv, type TestEnv } from '../../../tests/support/test-env';
import { createHaContext, type HaContextHandle } from '../context';
import { getOperation, waitForOperation } from '..';
import { registerOperationHandler } from './registry';
import { insertOperation } from './store';
import { queueOperation, wakeOperationWorkers } from './wake';
import { OperationWorker } from './worker';

// A queued operation starts when the core wakes the live nodes' workers, not at their next poll:
// here the only worker polls every ten minutes, so only the wake can start it within the test.
let env: TestEnv;
let ha: HaContextHandle;
const handled: string[] = [];

beforeAll(async () => {
  env = await createTestEnv('rep_wake');
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-wake.test', role: 'global_admin', origin: 'cli' }, log: env.log });
  registerOperationHandler({
    kind: 'pauseReplicas',
    async run(job) {
      const items = await job.items();
      handled.push(job.op.id);
      await job.updateItems(items.map((i) => ({ id: i.id, state: 'succeeded', message: `handled by ${job.node.config.host}` })));
      return { message: 'paused', notification: { kind: 'pause', title: 'Paused', body: 'paused' } };
    },
  });
  await env.startNode('mbox1.rep-wake.test', { factories: [(ctx) => [new OperationWorker(ctx, { pollMs: 600_000 })]] });
  // A node that stopped long ago (stale heartbeat) is not asked; a live one that refuses the call is counted out.
  await ha.db.query(`INSERT INTO mailstore_server (host, apiUrl, heartbeatAt) VALUES
    ('gone.rep-wake.test', 'http://127.0.0.1:9', NOW(3) - INTERVAL 1 HOUR), ('mute.rep-wake.test', 'http://127.0.0.1:9', NOW(3))`);
});
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

const queue = (id: string) => (conn: Conn) =>
  insertOperation(conn, { id, kind: 'pauseReplicas', params: {}, actor: ha.actor, items: [{ accountId: null, accountName: `${id}@rep-wake.test`, destination: null }] });

it('wakes only the nodes with a fresh heartbeat and answers how many took the call', async () => {
  const t0 = performance.now();
  expect(await wakeOperationWorkers(ha, 2000)).toBe(1); // mbox1 answers, mute refuses, gone is not asked
  expect(performance.now() - t0).toBeLessThan(2000);
});

it('an operation queued with queueOperation starts at once on a node that polls every ten minutes', async () => {
  const id = randomUUID();
  await queueOperation(ha, queue(id));
  const op = await waitForOperation(ha, id, { timeoutMs: 20_000 });
  expect(op.state).toBe('succeeded');
  expect(op.items[0].message).toBe('handled by mbox1.rep-wake.test');
  expect(handled).toContain(id);
});

it('an operation inserted without a wake waits for the next poll', async () => {
  const id = randomUUID();
  await inTransaction(ha.db, queue(id));
  await new Promise((r) => setTimeout(r, 1500));
  expect((await getOperation(ha, id)).state).toBe('queued');
  expect(await wakeOperationWorkers(ha)).toBe(1);
  expect((await waitForOperation(ha, id, { timeoutMs: 20_000 })).state).toBe('succeeded');
});

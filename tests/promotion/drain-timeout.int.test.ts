import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HaContextHandle } from '../../lib/ha/context';
import { waitForOperation } from '../../lib/ha/operations/wait';
import { promoteAccounts } from '../../lib/ha/promote-accounts';
import { agentGroupId, EventConsumer, EVENTS_TOPIC, partitionOf } from '../../lib/kafka';
import { MailboxClient } from '../../lib/mailstore/api-client';
import { waitFor } from '../../lib/mailstore/testing/seed';
import type { MailstoreNode } from '../../lib/node/node';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { coreContext, license, replicate, seedMailboxes } from './promotion-kit';

// A destination whose agent is alive but does not apply part of its partitions (here a second
// member of its consumer group that takes batches and never finishes them: what a consumer
// kafkajs lost track of did, see lib/kafka/consumer-stop.int.test.ts). A promotion to it moves
// the accounts it does apply, fails the others after the 30 s drain wait saying how far behind
// the destination is, leaves them served by their source, and succeeds once the destination
// applies again.
const SRC = 'mbox1.prm-drain.test';
const DST = 'mbox2.prm-drain.test';
let env: TestEnv;
let ctx: HaContextHandle;
let src: MailstoreNode;
let dst: MailstoreNode;
let accounts: { id: string; name: string }[];
let intruder: EventConsumer | undefined;

beforeAll(async () => {
  env = await createTestEnv('prm_drain');
  await license(env);
  src = await env.startNode(SRC);
  dst = await env.startNode(DST);
  ctx = coreContext(env);
  accounts = await seedMailboxes(env, SRC, src.apiUrl, 16, 'prm-drain.test');
  await replicate(ctx, accounts.map((a) => a.name), [{ host: DST, priority: 10 }]);
}, 300_000);

afterAll(async () => {
  await intruder?.stop();
  await ctx?.close();
  await env?.cleanup();
});

it('accounts whose partitions the destination does not apply fail after the drain wait, naming how far behind it is; they stay on their source, which serves them; promoted again once it applies', async () => {
  const h = dst.context().kafka.handles()!;
  intruder = new EventConsumer(h.kafka, agentGroupId(DST, env.namespace));
  await intruder.start(EVENTS_TOPIC, () => new Promise(() => undefined));
  // Some partitions, not all: the agent's member rejoined and holds the others.
  await waitFor('the intruder to hold part of the partitions', async () => intruder!.assignedPartitions.length > 0 && intruder!.assignedPartitions.length < h.partitions, 30_000);
  const held = new Set(intruder.assignedPartitions);
  const stuck = accounts.filter((a) => held.has(partitionOf(a.id, h.partitions)));
  const free = accounts.filter((a) => !held.has(partitionOf(a.id, h.partitions)));
  expect(stuck.length, 'accounts in the partitions the intruder holds').toBeGreaterThan(0);
  expect(free.length, 'accounts in the partitions the agent holds').toBeGreaterThan(0);

  const started = await promoteAccounts(ctx, { accounts: accounts.map((a) => a.name) });
  if (started.dryRun) throw new Error('expected a real promotion');
  const op = await waitForOperation(ctx, started.operationId, { timeoutMs: 120_000, pollMs: 200 });
  expect(op.state).toBe('partial');
  for (const a of free) expect(op.items.find((i) => i.accountName === a.name), a.name).toMatchObject({ state: 'succeeded' });
  for (const a of stuck) {
    const item = op.items.find((i) => i.accountName === a.name)!;
    expect(item.state, a.name).toBe('failed');
    expect(item.message).toMatch(new RegExp(`^not promoted: the replica on ${DST.replace(/\./g, '\\.')} did not apply the account's pending events within 30 s \\(\\d+ record\\(s\\) of partition ${partitionOf(a.id, h.partitions)} still to apply there\\)\\. The account stays on ${SRC.replace(/\./g, '\\.')}, which serves it again if it is alive`));
    expect(await env.prisma.account.findUnique({ where: { id: a.id } })).toMatchObject({ mailHost: SRC, promotingTo: null, epoch: 2 });
  }
  const history = await env.prisma.promotion.findMany({ where: { operationId: started.operationId, result: 'failed' } });
  expect(history.map((p) => p.accountId).sort()).toEqual(stuck.map((a) => a.id).sort());

  // The source serves the accounts it kept, at their new epoch, and the write is acknowledged.
  const api = new MailboxClient(src.apiUrl);
  await waitFor('the source to accept a write of a kept account', async () => {
    try {
      await api.deliver(stuck[0].id, { folderId: 2, sender: 'after@example.net', recipients: [stuck[0].name], subject: 'after the failed promotion', body: 'still here' });
      return true;
    } catch {
      return false;
    }
  }, 15_000);

  // Once the destination applies every partition again, the same command moves them.
  await intruder.stop();
  intruder = undefined;
  const again = await promoteAccounts(ctx, { accounts: stuck.map((a) => a.name) });
  if (again.dryRun) throw new Error('expected a real promotion');
  const op2 = await waitForOperation(ctx, again.operationId, { timeoutMs: 120_000, pollMs: 200 });
  expect(op2.state, op2.items.map((i) => i.message).join('; ')).toBe('succeeded');
  for (const a of stuck) expect((await env.prisma.account.findUnique({ where: { id: a.id } }))?.mailHost).toBe(DST);
}, 240_000);

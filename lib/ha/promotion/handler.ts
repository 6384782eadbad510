import { z } from 'zod';
import { UnavailableError } from '../../errors';
import type { ItemUpdate, OperationHandler, OperationItemRow, OperationJob } from '../operations/registry';
import { loadCandidates } from './candidates';
import { waitForDrain } from './drain';
import { fenceAccounts, publishFenceMarkers, releaseFence, type FencedAccount } from './fence';
import { alreadyPromoted, flipAccounts, recordPromotions, type PromotionRecord } from './flip';
import { planPromotion } from './plan';

const ParamsSchema = z.object({
  threads: z.number().int().min(1).max(64).default(4),
  destination: z.string().nullable().default(null),
  /** How long the target may take to pass its fence marker before the account fails. */
  drainTimeoutMs: z.number().int().min(100).default(30_000),
});

/** Accounts promoted together: one fence transaction, one batch of markers, one flip. */
const MAX_CHUNK = 250;

/**
 * The node-side half of promoteAccounts. Per chunk of accounts: re-plan (state may have moved
 * since the command), fence (epoch + 1, HA DB), write the fence markers to Kafka, wait until
 * each target's agent has committed past its marker, then move the accounts in one HA-DB
 * transaction. `threads` chunks run at once. Resumable: a promotion interrupted after its fence
 * is fenced again (one more epoch) by whichever node resumes it.
 */
export const promoteHandler: OperationHandler = {
  kind: 'promoteAccounts',
  async run(job) {
    const params = ParamsSchema.parse(job.op.params);
    const todo = (await job.items()).filter((i) => i.state === 'pending' || i.state === 'running');
    const size = Math.min(MAX_CHUNK, Math.max(1, Math.ceil(todo.length / params.threads)));
    const chunks: OperationItemRow[][] = [];
    for (let i = 0; i < todo.length; i += size) chunks.push(todo.slice(i, i + size));
    await Promise.all(Array.from({ length: Math.min(params.threads, chunks.length) }, async () => {
      for (let chunk = chunks.shift(); chunk && !job.signal.aborted; chunk = chunks.shift()) await promoteChunk(job, chunk, params);
    }));
    const items = await job.items();
    const promoted = items.filter((i) => i.state === 'succeeded').length;
    const failed = items.filter((i) => i.state === 'failed').length;
    const message = `${promoted} of ${items.length} accounts promoted${failed ? `, ${failed} not promoted (see each account)` : ''}`;
    return {
      message,
      notification: { kind: 'promotion-completed', title: `Promotion completed: ${promoted} of ${items.length} accounts promoted`, body: message },
    };
  },
};

async function promoteChunk(job: OperationJob, chunk: OperationItemRow[], params: z.infer<typeof ParamsSchema>) {
  const startedAt = new Date();
  const updates: ItemUpdate[] = [];
  const records: PromotionRecord[] = [];
  const fail = (item: OperationItemRow, from: string, to: string | null, why: string) => {
    updates.push({ id: item.id, state: 'failed', message: `not promoted: ${why}` });
    records.push(promotionRecord(job, item, startedAt, from, to, 'failed', why));
  };

  const done = await alreadyPromoted(job.haDb, job.op.id, chunk.map((i) => i.accountId!));
  for (const item of chunk.filter((i) => done.has(i.accountId!))) updates.push({ id: item.id, state: 'succeeded', message: `promoted to ${done.get(item.accountId!)}` });
  const todo = chunk.filter((i) => !done.has(i.accountId!));
  await itemWrites.run(() => job.updateItems(todo.map((i) => ({ id: i.id, state: 'running', message: 'fencing the account' }))));
  const candidates = await loadCandidates(job.haDb, todo.map((i) => i.accountId!));
  const planned: { item: OperationItemRow; source: string; destination: string }[] = [];
  for (const item of todo) {
    const c = candidates.get(item.accountId!);
    if (!c) {
      fail(item, '?', null, 'the account no longer exists');
      continue;
    }
    // Our own interrupted promotion of this account may be resumed: its fence does not block it.
    const own = c.promotingTo !== null && (params.destination ?? item.destination) === c.promotingTo;
    const plan = planPromotion(own ? { ...c, promotingTo: null } : c, params.destination ?? undefined);
    if (plan.blockers.length || !plan.destination) fail(item, c.mailHost, plan.destination, plan.blockers.join('; '));
    else planned.push({ item, source: c.mailHost, destination: plan.destination });
  }

  const h = job.node.kafka.handles();
  if (planned.length && !h) throw new UnavailableError('No Kafka brokers are configured on this node: cannot write fence markers');
  const byId = new Map(planned.map((p) => [p.item.accountId!, p]));
  if (planned.length && h) {
    const { fenced, lost } = await fenceAccounts(job.haDb, planned.map((p) => ({ accountId: p.item.accountId!, sourceMailHost: p.source, destination: p.destination })));
    for (const l of lost) fail(byId.get(l.accountId)!.item, l.sourceMailHost, l.destination, 'the account changed while being promoted (moved, or another promotion holds it)');
    const marked = await publishFenceMarkers(h.producer, fenced, job.op.id).catch(async (err) => {
      await releaseFence(job.haDb, fenced);
      throw err;
    });
    const { drained, timedOut } = await waitForDrain(h.admin, job.node.config.namespace, marked, { timeoutMs: params.drainTimeoutMs, signal: job.signal });
    await releaseFence(job.haDb, timedOut);
    for (const t of timedOut) {
      fail(byId.get(t.accountId)!.item, t.sourceMailHost, t.destination,
        `the replica on ${t.destination} did not apply the account's pending events within ${params.drainTimeoutMs / 1000} s ` +
        `(${t.remaining} record(s) of partition ${t.partition} still to apply there). The account stays on ${t.sourceMailHost}, ` +
        'which serves it again if it is alive: check that destination\'s replication, then run promoteAccounts again, possibly with another destination');
    }
    const ready = marked.filter((m) => drained.has(m.accountId));
    const history = (moving: FencedAccount[]) => moving.map((m) => promotionRecord(job, byId.get(m.accountId)!.item, startedAt, m.sourceMailHost, m.destination, 'promoted', null, drained.get(m.accountId) ?? 0));
    const moved = await flipAccounts(job.haDb, ready, history);
    for (const m of ready) {
      const item = byId.get(m.accountId)!.item;
      if (!moved.has(m.accountId)) {
        fail(item, m.sourceMailHost, m.destination, 'the account changed while being promoted');
        continue;
      }
      updates.push({ id: item.id, state: 'succeeded', message: `promoted from ${m.sourceMailHost} to ${m.destination} (epoch ${m.newEpoch}, ${drained.get(m.accountId) ?? 0} events drained)` });
    }
  }
  await recordPromotions(job.haDb, records);
  await itemWrites.run(() => job.updateItems(updates));
}

/** Parallel chunks update the same operation's counters: one at a time avoids deadlocks. */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
const itemWrites = new Serial();

function promotionRecord(job: OperationJob, item: OperationItemRow, startedAt: Date, from: string, to: string | null, result: PromotionRecord['result'], message: string | null, eventsDrained = 0): PromotionRecord {
  return { operationId: job.op.id, accountId: item.accountId!, accountName: item.accountName, fromHost: from, toHost: to, actor: job.op.actor, startedAt, endedAt: new Date(), eventsDrained, result, message };
}

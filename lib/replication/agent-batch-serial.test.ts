import { expect, it, vi } from 'vitest';
import type { Pool } from '../db/pool';
import { type BatchHandlerContext, type IncomingBatch } from '../kafka';
import { createLogger } from '../log/logger';
import type { ReplicaInfo, Topology } from '../node/topology';
import { encodeEvent } from './codec';
import type { Envelope } from './envelope';

// Two transactions at once deadlocked on InnoDB's gap locks in the benchmark: the handler must
// run them one at a time even when two groups of batches are handled side by side.
const inside = { now: 0, most: 0 };
vi.mock('./apply-batch', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./apply-batch')>()),
  applyBatch: async () => {
    inside.now++;
    inside.most = Math.max(inside.most, inside.now);
    await new Promise((r) => setTimeout(r, 30));
    inside.now--;
    return { accounts: [], unknown: [], applied: 0 };
  },
}));
const { AgentBatchHandler } = await import('./agent-batch');

const ACCOUNT = '11111111-1111-4111-8111-111111111111';
const topology = {
  replicaHere: (id: string): ReplicaInfo | undefined =>
    id === ACCOUNT ? { id: 1, accountId: id, destination: 'dst.example.com', priority: 10, state: 'active', snapshotState: 'done' } : undefined,
} as unknown as Topology;
const conn = { beginTransaction: async () => {}, commit: async () => {}, rollback: async () => {}, release: () => {}, query: async () => [] };
const pool = { getConnection: async () => conn } as unknown as Pool;
const hctx: BatchHandlerContext = { heartbeat: async () => {}, isRunning: () => true };

function batch(partition: number, seq: number): IncomingBatch[] {
  const envelope = {
    v: 1, accountId: ACCOUNT, mailboxId: 1, epoch: 1, seq, txId: `tx-${seq}`, op: 'CreateFolder', ts: Date.now(),
    payload: { mailbox: { item_id_checkpoint: 300, change_checkpoint: seq, size_checkpoint: 0, contact_count: 0 }, upserts: [], deletes: [], tombstones: [] },
  } as unknown as Envelope;
  const value = Buffer.from(String(encodeEvent(envelope).value));
  return [{ topic: 'carbonio.ha.events', partition, records: [{ offset: seq, account: ACCOUNT, value, timestamp: Date.now() }], highWatermark: 100 }];
}

it('runs the transactions of groups handled side by side one at a time', async () => {
  const handler = new AgentBatchHandler(pool, pool, 'dst.example.com', topology, () => undefined, createLogger('test', 'silent'));
  await Promise.all([handler.handle(batch(1, 5), hctx), handler.handle(batch(2, 6), hctx), handler.handle(batch(3, 7), hctx)]);
  expect(handler.stats.batches).toBe(3);
  expect(inside.most).toBe(1);
});

import { inTransaction, type Pool } from '../../db/pool';
import type { OperationState } from '../../schemas/views';
import { createNotification } from '../notifications';
import type { ItemUpdate, OperationItemRow, OperationResult } from './registry';

export interface ClaimedOperation {
  id: string;
  kind: string;
  params: unknown;
  actor: string;
  createdAt: Date;
}

/**
 * Takes the lease of operations that are queued, or running under an expired lease (their
 * node died), or already ours. Any live node may take over; the lease is renewed while it works.
 */
export async function claimOperations(haDb: Pool, owner: string, leaseMs: number, skip: Set<string>, max = 10): Promise<ClaimedOperation[]> {
  const candidates: { id: string }[] = await haDb.query(
    `SELECT id FROM operation WHERE state IN ('queued', 'running') AND (leaseOwner IS NULL OR leaseUntil < NOW(3) OR leaseOwner = ?)
      ORDER BY createdAt LIMIT 50`, [owner]);
  const out: ClaimedOperation[] = [];
  for (const { id } of candidates) {
    if (skip.has(id) || out.length >= max) continue;
    const res = (await haDb.query(
      `UPDATE operation SET leaseOwner = ?, leaseUntil = NOW(3) + INTERVAL ? MICROSECOND, state = 'running', startedAt = COALESCE(startedAt, NOW(3))
        WHERE id = ? AND state IN ('queued', 'running') AND (leaseOwner IS NULL OR leaseUntil < NOW(3) OR leaseOwner = ?)`,
      [owner, leaseMs * 1000, id, owner])) as { affectedRows: number };
    if (res.affectedRows === 0) continue;
    const [row] = await haDb.query('SELECT id, kind, params, actor, createdAt FROM operation WHERE id = ?', [id]);
    out.push({ ...row, params: typeof row.params === 'string' ? JSON.parse(row.params) : row.params });
  }
  return out;
}

/** Extends the lease; false when another node holds it now (then stop working on it). */
export async function renewLease(haDb: Pool, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const res = (await haDb.query(
    "UPDATE operation SET leaseUntil = NOW(3) + INTERVAL ? MICROSECOND WHERE id = ? AND leaseOwner = ? AND state = 'running'",
    [leaseMs * 1000, id, owner])) as { affectedRows: number };
  return res.affectedRows > 0;
}

export async function readItems(haDb: Pool, operationId: string): Promise<OperationItemRow[]> {
  const rows: OperationItemRow[] = await haDb.query(
    'SELECT id, accountId, accountName, destination, state, message FROM operation_item WHERE operationId = ? ORDER BY id', [operationId]);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function writeItems(haDb: Pool, operationId: string, updates: ItemUpdate[]) {
  if (updates.length) {
    for (let i = 0; i < updates.length; i += 5000) {
      await haDb.batch('UPDATE operation_item SET state = ?, message = ? WHERE id = ? AND operationId = ?',
        updates.slice(i, i + 5000).map((u) => [u.state, u.message?.slice(0, 4000) ?? null, u.id, operationId]));
    }
  }
  await haDb.query(
    `UPDATE operation o SET
       done = (SELECT COUNT(*) FROM operation_item i WHERE i.operationId = o.id AND i.state IN ('succeeded', 'failed', 'skipped')),
       failed = (SELECT COUNT(*) FROM operation_item i WHERE i.operationId = o.id AND i.state = 'failed')
     WHERE o.id = ?`, [operationId]);
}

export function stateFromItems(items: Pick<OperationItemRow, 'state'>[]): Extract<OperationState, 'succeeded' | 'partial' | 'failed'> {
  const failed = items.filter((i) => i.state === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === items.length ? 'failed' : 'partial';
}

/** Ends the operation (if we still hold its lease) and stores its notification, in one transaction. */
export async function finishOperation(haDb: Pool, id: string, owner: string, result: OperationResult & { state: OperationState }): Promise<boolean> {
  return inTransaction(haDb, async (conn) => {
    const res = (await conn.query(
      "UPDATE operation SET state = ?, message = ?, endedAt = NOW(3), leaseOwner = NULL, leaseUntil = NULL WHERE id = ? AND leaseOwner = ? AND state = 'running'",
      [result.state, result.message.slice(0, 4000), id, owner])) as { affectedRows: number };
    if (res.affectedRows === 0) return false;
    if (result.notification) await createNotification(conn, { ...result.notification, operationId: id });
    return true;
  });
}

/** Releases the lease without ending (the worker stops): another node, or this one later, resumes. */
export async function releaseLease(haDb: Pool, id: string, owner: string) {
  await haDb.query('UPDATE operation SET leaseOwner = NULL, leaseUntil = NULL WHERE id = ? AND leaseOwner = ?', [id, owner]);
}

import type { Pool } from '../db/pool';

/** A replica whose source (this node) owes it a snapshot. */
export interface SnapshotJob {
  replicaId: number;
  accountId: string;
  destination: string;
  snapshotState: 'pending' | 'running';
  snapshotId: string | null;
  snapshotCursor: number | null;
  snapshotItems: number;
}

/** Replicas of accounts hosted on `host` that wait for a snapshot and whose destination is ready. */
export async function findSnapshotJobs(haDb: Pool, host: string): Promise<SnapshotJob[]> {
  const rows: Record<string, unknown>[] = await haDb.query(
    `SELECT r.id, r.accountId, r.destination, r.snapshotState, r.snapshotId, r.snapshotCursor, r.snapshotItems
       FROM replica r JOIN account a ON a.id = r.accountId
      WHERE r.snapshotState IN ('pending', 'running') AND r.agentReadyAt IS NOT NULL AND r.state IN ('initializing', 'paused')
        AND a.mailHost = ?
      ORDER BY r.id LIMIT 500`, [host]);
  return rows.map((r) => ({
    replicaId: Number(r.id), accountId: String(r.accountId), destination: String(r.destination),
    snapshotState: r.snapshotState as SnapshotJob['snapshotState'], snapshotId: (r.snapshotId as string | null) ?? null,
    snapshotCursor: r.snapshotCursor === null ? null : Number(r.snapshotCursor), snapshotItems: Number(r.snapshotItems),
  }));
}

/** Claims the job for a pass: pending -> running with a new snapshot id, or keeps the running one. False if it changed meanwhile. */
export async function claimSnapshot(haDb: Pool, job: SnapshotJob, snapshotId: string): Promise<boolean> {
  const res = (await haDb.query(
    `UPDATE replica SET snapshotState = 'running', snapshotId = ?, lastError = NULL
      WHERE id = ? AND snapshotState = ? AND snapshotId <=> ? AND agentReadyAt IS NOT NULL`,
    [snapshotId, job.replicaId, job.snapshotState, job.snapshotId])) as { affectedRows: number };
  return res.affectedRows > 0;
}

/** Records how far the snapshot got (the last item id acknowledged by Kafka). False if the snapshot was cancelled. */
export async function recordCursor(haDb: Pool, replicaId: number, snapshotId: string, fields: { cursor: number | null; items: number; seq: number }): Promise<boolean> {
  const res = (await haDb.query(
    'UPDATE replica SET snapshotCursor = ?, snapshotItems = ?, snapshotSeq = ? WHERE id = ? AND snapshotId = ? AND snapshotState = \'running\'',
    [fields.cursor, fields.items, fields.seq, replicaId, snapshotId])) as { affectedRows: number };
  return res.affectedRows > 0;
}

export async function finishSnapshot(haDb: Pool, replicaId: number, snapshotId: string, seq: number, items: number): Promise<boolean> {
  const res = (await haDb.query(
    "UPDATE replica SET snapshotState = 'done', snapshotSeq = ?, snapshotItems = ?, snapshotCursor = NULL WHERE id = ? AND snapshotId = ? AND snapshotState = 'running'",
    [seq, items, replicaId, snapshotId])) as { affectedRows: number };
  return res.affectedRows > 0;
}

export async function recordSnapshotError(haDb: Pool, replicaId: number, error: string) {
  await haDb.query('UPDATE replica SET lastError = ? WHERE id = ?', [error.slice(0, 4000), replicaId]);
}

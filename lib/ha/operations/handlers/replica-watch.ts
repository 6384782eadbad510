import type { Pool } from '../../../db/pool';
import type { ReplicaState, SnapshotState } from '../../../schemas/views';
import type { ItemUpdate, OperationItemRow, OperationJob } from '../registry';

/** What an operation handler sees of one replica: its HA row, its reported phase, who is alive. */
export interface WatchedReplica {
  accountId: string;
  destination: string;
  mailHost: string;
  state: ReplicaState;
  snapshotState: SnapshotState;
  snapshotItems: number;
  lastError: string | null;
  agentReady: boolean;
  phase: string | null;
  destinationAlive: boolean;
  sourceAlive: boolean;
}

/** A node is alive when its heartbeat is fresher than this. */
export const HEARTBEAT_FRESH_SECONDS = 10;

export async function readWatchedReplicas(haDb: Pool, accountIds: string[]): Promise<Map<string, WatchedReplica[]>> {
  const out = new Map<string, WatchedReplica[]>();
  for (let i = 0; i < accountIds.length; i += 2000) {
    const rows: Record<string, unknown>[] = await haDb.query(
      `SELECT r.accountId, r.destination, a.mailHost, r.state, r.snapshotState, r.snapshotItems, r.lastError, r.agentReadyAt IS NOT NULL AS agentReady,
              rs.phase,
              COALESCE(d.heartbeatAt > NOW(3) - INTERVAL ${HEARTBEAT_FRESH_SECONDS} SECOND, 0) AS destinationAlive,
              COALESCE(s.heartbeatAt > NOW(3) - INTERVAL ${HEARTBEAT_FRESH_SECONDS} SECOND, 0) AS sourceAlive
         FROM replica r JOIN account a ON a.id = r.accountId
         LEFT JOIN replica_status rs ON rs.replicaId = r.id
         LEFT JOIN mailstore_server d ON d.host = r.destination
         LEFT JOIN mailstore_server s ON s.host = a.mailHost
        WHERE r.accountId IN (?)`, [accountIds.slice(i, i + 2000)]);
    for (const r of rows) {
      const w: WatchedReplica = {
        accountId: String(r.accountId), destination: String(r.destination), mailHost: String(r.mailHost), state: r.state as WatchedReplica['state'],
        snapshotState: r.snapshotState as WatchedReplica['snapshotState'], snapshotItems: Number(r.snapshotItems), lastError: (r.lastError as string | null) ?? null,
        agentReady: Boolean(Number(r.agentReady)), phase: (r.phase as string | null) ?? null,
        destinationAlive: Boolean(Number(r.destinationAlive)), sourceAlive: Boolean(Number(r.sourceAlive)),
      };
      out.set(w.accountId, [...(out.get(w.accountId) ?? []), w]);
    }
  }
  return out;
}

export type Verdict = { state: OperationItemRow['state']; message: string | null };

/**
 * Re-evaluates the open items of an operation every `pollMs` until none is left open (or the
 * lease is lost), writing only the items whose state or message changed.
 */
export async function watchItems(job: OperationJob, evaluate: (item: OperationItemRow, replicas: WatchedReplica[], elapsedMs: number) => Verdict, pollMs = 500) {
  const started = Date.now();
  for (;;) {
    const items = await job.items();
    const open = items.filter((i) => i.state === 'pending' || i.state === 'running');
    if (open.length === 0 || job.signal.aborted) return items;
    const replicas = await readWatchedReplicas(job.haDb, [...new Set(open.map((i) => i.accountId!).filter(Boolean))]);
    const updates: ItemUpdate[] = [];
    for (const item of open) {
      const v = evaluate(item, replicas.get(item.accountId ?? '') ?? [], Date.now() - started);
      if (v.state !== item.state || v.message !== item.message) updates.push({ id: item.id, ...v });
    }
    if (updates.length) await job.updateItems(updates);
    const closed = updates.filter((u) => u.state !== 'pending' && u.state !== 'running').length;
    if (closed < open.length) await job.sleep(pollMs);
  }
}

/** "3 of 4 accounts ...; failed: a (reason), b (reason)" for notifications. */
export function summarizeItems(items: OperationItemRow[], what: string): string {
  const ok = items.filter((i) => i.state === 'succeeded').length;
  const failed = items.filter((i) => i.state === 'failed');
  const skipped = items.filter((i) => i.state === 'skipped').length;
  let text = `${ok} of ${items.length} accounts ${what}`;
  if (skipped) text += `; ${skipped} had nothing to do`;
  if (failed.length) {
    text += `; failed: ${failed.slice(0, 10).map((f) => `${f.accountName} (${f.message ?? 'no reason given'})`).join(', ')}`;
    if (failed.length > 10) text += ` and ${failed.length - 10} more`;
  }
  return `${text}.`;
}

import { inTransaction, type Pool } from '../db/pool';
import { recordTopologyChangeSql } from '../ha/topology-change';

/**
 * The replica transitions a destination reports to the HA database. Each is conditional on
 * the state it expects, so a concurrent administrator command (pause, remove) always wins.
 */

/** initializing -> active, for replicas that hold a consistent copy now. Returns the accounts that changed. */
export async function markReplicasActive(haDb: Pool, host: string, accountIds: string[]): Promise<string[]> {
  if (accountIds.length === 0) return [];
  return inTransaction(haDb, async (conn) => {
    const rows: { accountId: string }[] = await conn.query(
      "SELECT accountId FROM replica WHERE destination = ? AND accountId IN (?) AND state = 'initializing' FOR UPDATE", [host, accountIds]);
    const ids = rows.map((r) => r.accountId);
    if (ids.length === 0) return [];
    await conn.query(
      "UPDATE replica SET state = 'active', snapshotState = 'done', activeSince = NOW(3), lastError = NULL WHERE destination = ? AND accountId IN (?) AND state = 'initializing'",
      [host, ids]);
    await recordTopologyChangeSql(conn, ids);
    return ids;
  });
}

/** A poison event: the replica stops applying and shows why. */
export async function markReplicaFailed(haDb: Pool, host: string, accountId: string, error: string): Promise<boolean> {
  return inTransaction(haDb, async (conn) => {
    const res = (await conn.query(
      "UPDATE replica SET state = 'failed', lastError = ? WHERE destination = ? AND accountId = ? AND state IN ('initializing', 'active', 'paused')",
      [error.slice(0, 4000), host, accountId])) as { affectedRows: number };
    if (res.affectedRows > 0) await recordTopologyChangeSql(conn, [accountId]);
    return res.affectedRows > 0;
  });
}

/**
 * The replica cannot continue from the stream (a gap in the sequence, a snapshot it never saw
 * start): ask its source for a new snapshot. A paused replica stays paused while it re-initialises.
 */
export async function requestReinit(haDb: Pool, host: string, accountId: string, reason: string): Promise<boolean> {
  return inTransaction(haDb, async (conn) => {
    const res = (await conn.query(
      `UPDATE replica SET state = IF(state = 'paused', 'paused', 'initializing'), snapshotState = 'pending', snapshotId = NULL,
         snapshotCursor = NULL, snapshotSeq = NULL, snapshotItems = 0, agentReadyAt = NULL, activeSince = NULL, lastError = ?
       WHERE destination = ? AND accountId = ? AND state <> 'removing'`,
      [`re-initialising: ${reason}`.slice(0, 4000), host, accountId])) as { affectedRows: number };
    if (res.affectedRows > 0) await recordTopologyChangeSql(conn, [accountId]);
    return res.affectedRows > 0;
  });
}

/** The agent listens for the account now: its source may take the snapshot. */
export async function markAgentReady(haDb: Pool, replicaId: number): Promise<boolean> {
  const res = (await haDb.query(
    "UPDATE replica SET agentReadyAt = NOW(3) WHERE id = ? AND snapshotState = 'pending' AND agentReadyAt IS NULL", [replicaId])) as { affectedRows: number };
  return res.affectedRows > 0;
}

import { inTransaction, type Conn, type Pool } from '../../db/pool';
import { recordTopologyChangeSql } from '../topology-change';
import type { FencedAccount } from './fence';

export interface PromotionRecord {
  operationId: string;
  accountId: string;
  accountName: string;
  fromHost: string;
  toHost: string | null;
  actor: string;
  startedAt: Date;
  endedAt: Date;
  eventsDrained: number;
  result: 'promoted' | 'failed';
  message: string | null;
}

/**
 * Step 4, in one HA-database transaction: the account is now hosted by its target (mailHost and
 * its copies, fence cleared), the replica that took it over is retired with its status, and the history
 * records it. The target's node serves the account from its next topology poll; its other
 * replicas keep following it. Returns the accounts actually moved (fence still held at newEpoch).
 */
export async function flipAccounts(db: Pool, accounts: FencedAccount[], history: (moved: FencedAccount[]) => PromotionRecord[]): Promise<Set<string>> {
  if (accounts.length === 0) return new Set();
  return inTransaction(db, async (conn) => {
    const rows: { id: string; epoch: number; promotingTo: string | null }[] = await conn.query(
      'SELECT id, epoch, promotingTo FROM account WHERE id IN (?) FOR UPDATE', [accounts.map((a) => a.accountId)]);
    const ok = new Set(rows.filter((r) => accounts.some((a) => a.accountId === r.id && a.newEpoch === r.epoch && a.destination === r.promotingTo)).map((r) => r.id));
    const moving = accounts.filter((a) => ok.has(a.accountId));
    if (moving.length === 0) return ok;
    await conn.batch('UPDATE account SET mailHost = ?, promotingTo = NULL WHERE id = ?', moving.map((a) => [a.destination, a.accountId]));
    await conn.batch('DELETE FROM replica_status WHERE replicaId IN (SELECT id FROM replica WHERE accountId = ? AND destination = ?)', moving.map((a) => [a.accountId, a.destination]));
    await conn.batch('DELETE FROM replica WHERE accountId = ? AND destination = ?', moving.map((a) => [a.accountId, a.destination]));
    await conn.batch('UPDATE account_status SET mailHost = ? WHERE accountId = ?', moving.map((a) => [a.destination, a.accountId]));
    await conn.batch('UPDATE replica SET sourceHost = ? WHERE accountId = ?', moving.map((a) => [a.destination, a.accountId]));
    await recordTopologyChangeSql(conn, moving.map((a) => a.accountId));
    // In the same transaction: a resumed operation knows from the history what already moved.
    await recordPromotions(conn, history(moving));
    return ok;
  });
}

export async function recordPromotions(db: Pool | Conn, records: PromotionRecord[]) {
  if (records.length === 0) return;
  await db.batch(
    `INSERT INTO promotion (operationId, accountId, accountName, fromHost, toHost, actor, startedAt, endedAt, durationMs, eventsDrained, result, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    records.map((r) => [r.operationId, r.accountId, r.accountName, r.fromHost, r.toHost, r.actor.slice(0, 320), r.startedAt, r.endedAt,
      Math.max(0, r.endedAt.getTime() - r.startedAt.getTime()), r.eventsDrained, r.result, r.message?.slice(0, 4000) ?? null]));
}

/** Accounts this operation already moved (a resumed run must not promote them again). */
export async function alreadyPromoted(db: Pool, operationId: string, accountIds: string[]): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows: { accountId: string; toHost: string }[] = await db.query(
    "SELECT accountId, toHost FROM promotion WHERE operationId = ? AND result = 'promoted' AND accountId IN (?)", [operationId, accountIds]);
  return new Map(rows.map((r) => [r.accountId, r.toHost]));
}

import { randomUUID } from 'node:crypto';
import { inTransaction, type Pool } from '../../db/pool';
import { EVENTS_TOPIC, type EventProducer } from '../../kafka';
import { encodeEvent } from '../../replication/codec';
import { ENVELOPE_VERSION, type FenceEnvelope } from '../../replication/envelope';
import { recordTopologyChangeSql } from '../topology-change';

export interface FenceTarget {
  accountId: string;
  sourceMailHost: string;
  destination: string;
}

export interface FencedAccount extends FenceTarget {
  newEpoch: number;
  partition: number;
  /** Offset of the fence marker in the account's partition. */
  markerOffset: number;
}

/**
 * Step 1 of a promotion (DESIGN.md §5): bump each account's epoch and mark it as being promoted,
 * in one HA-database transaction. From this commit on, the old source can no longer acknowledge
 * a write of these accounts (its relay confirms mailHost and epoch after every Kafka ack).
 * Accounts that moved or changed since they were planned are left out (returned in `lost`).
 */
export async function fenceAccounts(db: Pool, targets: FenceTarget[]): Promise<{ fenced: (FenceTarget & { newEpoch: number })[]; lost: FenceTarget[] }> {
  return inTransaction(db, async (conn) => {
    const ids = targets.map((t) => t.accountId);
    const rows: { id: string; mailHost: string; epoch: number; promotingTo: string | null }[] = await conn.query(
      'SELECT id, mailHost, epoch, promotingTo FROM account WHERE id IN (?) FOR UPDATE', [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const fenced: (FenceTarget & { newEpoch: number })[] = [];
    const lost: FenceTarget[] = [];
    for (const t of targets) {
      const r = byId.get(t.accountId);
      // A fence already held for this destination is our own interrupted attempt: fence again.
      if (!r || r.mailHost !== t.sourceMailHost || (r.promotingTo !== null && r.promotingTo !== t.destination)) lost.push(t);
      else fenced.push({ ...t, newEpoch: r.epoch + 1 });
    }
    if (fenced.length) {
      await conn.batch('UPDATE account SET epoch = ?, promotingTo = ? WHERE id = ?', fenced.map((f) => [f.newEpoch, f.destination, f.accountId]));
      await recordTopologyChangeSql(conn, fenced.map((f) => f.accountId));
    }
    return { fenced, lost };
  });
}

/**
 * Step 2: one Fence marker per account in its partition, at the new epoch. Every event the old
 * source acknowledged is before it; replicas skip older-epoch events after it.
 */
export async function publishFenceMarkers(producer: EventProducer, fenced: (FenceTarget & { newEpoch: number })[], operationId: string): Promise<FencedAccount[]> {
  const envelopes: FenceEnvelope[] = fenced.map((f) => ({
    v: ENVELOPE_VERSION, accountId: f.accountId, mailboxId: 1, epoch: f.newEpoch, seq: 0, txId: randomUUID(), op: 'Fence', ts: Date.now(),
    payload: { newEpoch: f.newEpoch, promotedTo: f.destination, operationId },
  }));
  const acks = await producer.send(EVENTS_TOPIC, envelopes.map(encodeEvent));
  return fenced.map((f, i) => ({ ...f, partition: acks[i].partition, markerOffset: acks[i].offset }));
}

/** Undoes the "being promoted" mark of accounts whose promotion could not finish; the epoch stays. */
export async function releaseFence(db: Pool, accounts: { accountId: string; newEpoch: number }[]) {
  if (accounts.length === 0) return;
  await inTransaction(db, async (conn) => {
    await conn.batch('UPDATE account SET promotingTo = NULL WHERE id = ? AND epoch = ?', accounts.map((a) => [a.accountId, a.newEpoch]));
    await recordTopologyChangeSql(conn, accounts.map((a) => a.accountId));
  });
}

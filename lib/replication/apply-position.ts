import type { MailboxCheckpoints } from '../mailstore/model';
import type { Queryable } from '../mailstore/sql';

/**
 * Where the agent stands for one replicated account (table replica_position). Stored in the
 * same transaction as the rows it describes, so a crash anywhere leaves both in step.
 */
export type ReplicaPhase = 'waiting_snapshot' | 'snapshotting' | 'active' | 'failed';

export interface ReplicaPosition {
  accountId: string;
  /** The replica's own local mailbox id (not the source's). */
  mailboxId: number;
  phase: ReplicaPhase;
  paused: boolean;
  /** Highest sequence whose effect is in the rows (after a snapshot: the first pass's S, then each replayed event). */
  appliedSeq: number;
  /** Highest epoch seen for the account: events of older epochs are skipped. */
  epoch: number;
  snapshotId: string | null;
  /** S of the snapshot's first pass: live events up to it are inside the snapshot. */
  snapshotSeq: number | null;
  snapshotItems: number;
  /** The replica is consistent once appliedSeq reaches this (the last snapshot pass's S). */
  consistentSeq: number | null;
  lastEventTs: Date | null;
  lastError: string | null;
  /** The replica mailbox's item_id_checkpoint when the position was locked (not stored here). */
  itemCheckpoint?: number;
}

const COLUMNS = 'account_id, mailbox_id, phase, paused, applied_seq, epoch, snapshot_id, snapshot_seq, snapshot_items, consistent_seq, last_event_ts, last_error';

export function toPosition(r: Record<string, unknown>): ReplicaPosition {
  return {
    accountId: String(r.account_id),
    mailboxId: Number(r.mailbox_id),
    // 'paused' is a legacy phase value of the enum: the pause flag is its own column.
    phase: (r.phase === 'paused' ? 'active' : r.phase) as ReplicaPhase,
    paused: Boolean(Number(r.paused)),
    appliedSeq: Number(r.applied_seq),
    epoch: Number(r.epoch),
    snapshotId: (r.snapshot_id as string | null) ?? null,
    snapshotSeq: r.snapshot_seq === null || r.snapshot_seq === undefined ? null : Number(r.snapshot_seq),
    snapshotItems: Number(r.snapshot_items),
    consistentSeq: r.consistent_seq === null || r.consistent_seq === undefined ? null : Number(r.consistent_seq),
    lastEventTs: (r.last_event_ts as Date | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    itemCheckpoint: r.m_item_checkpoint === undefined || r.m_item_checkpoint === null ? undefined : Number(r.m_item_checkpoint),
  };
}

/** Reads and locks the positions of these accounts (and their replica mailboxes) until the transaction ends. */
export async function lockPositions(conn: Queryable, accountIds: string[]): Promise<Map<string, ReplicaPosition>> {
  const out = new Map<string, ReplicaPosition>();
  if (accountIds.length === 0) return out;
  const cols = COLUMNS.split(', ').map((c) => `p.${c}`).join(', ');
  const rows: Record<string, unknown>[] = await conn.query(
    `SELECT ${cols}, m.item_id_checkpoint AS m_item_checkpoint FROM replica_position p LEFT JOIN mailbox m ON m.id = p.mailbox_id
      WHERE p.account_id IN (?) ORDER BY p.account_id FOR UPDATE`, [accountIds]);
  for (const r of rows) out.set(String(r.account_id), toPosition(r));
  return out;
}

export async function readPosition(conn: Queryable, accountId: string): Promise<ReplicaPosition | undefined> {
  const rows: Record<string, unknown>[] = await conn.query(`SELECT ${COLUMNS} FROM replica_position WHERE account_id = ?`, [accountId]);
  return rows[0] ? toPosition(rows[0]) : undefined;
}

const UPDATE = `UPDATE replica_position SET mailbox_id = ?, phase = ?, paused = ?, applied_seq = ?, epoch = ?, snapshot_id = ?, snapshot_seq = ?,
  snapshot_items = ?, consistent_seq = ?, last_event_ts = ?, last_error = ?, updated_at = NOW(3) WHERE account_id = ?`;

function updateParams(p: ReplicaPosition): unknown[] {
  return [p.mailboxId, p.phase, p.paused ? 1 : 0, p.appliedSeq, p.epoch, p.snapshotId, p.snapshotSeq, p.snapshotItems,
    p.consistentSeq, p.lastEventTs, p.lastError?.slice(0, 4000) ?? null, p.accountId];
}

/** Writes the positions back (one batched statement). */
export async function writePositions(conn: Queryable & { batch?: (sql: string, values: unknown[][]) => Promise<unknown> }, positions: ReplicaPosition[]) {
  if (positions.length === 0) return;
  if (positions.length > 1 && conn.batch) await conn.batch(UPDATE, positions.map(updateParams));
  else for (const p of positions) await conn.query(UPDATE, updateParams(p));
}

const UPDATE_WITH_CHECKPOINTS = `UPDATE replica_position p JOIN mailbox m ON m.id = p.mailbox_id SET p.applied_seq = ?, p.epoch = ?, p.last_event_ts = ?,
  p.updated_at = NOW(3), m.item_id_checkpoint = ?, m.change_checkpoint = ?, m.size_checkpoint = ?, m.contact_count = ?, m.last_change_at = ?
  WHERE p.account_id = ?`;

/**
 * Positions of replicas that stayed active and consistent, written with their mailbox's new
 * checkpoints in one statement (the checkpoints only move forward there, so no condition).
 */
export async function writePositionsWithCheckpoints(conn: Queryable & { batch?: (sql: string, values: unknown[][]) => Promise<unknown> },
  rows: { position: ReplicaPosition; checkpoints: MailboxCheckpoints }[]) {
  if (rows.length === 0) return;
  const params = rows.map(({ position: p, checkpoints: c }) => [p.appliedSeq, p.epoch, p.lastEventTs, c.item_id_checkpoint, c.change_checkpoint,
    c.size_checkpoint, c.contact_count, p.lastEventTs, p.accountId]);
  if (params.length > 1 && conn.batch) await conn.batch(UPDATE_WITH_CHECKPOINTS, params);
  else for (const x of params) await conn.query(UPDATE_WITH_CHECKPOINTS, x);
}

/** True when the replica holds a consistent copy: snapshot applied and replayed up to its consistency point. */
export function isConsistent(p: ReplicaPosition): boolean {
  return p.phase === 'active' && p.appliedSeq >= (p.consistentSeq ?? 0);
}

/** The phase shown in the status (catching_up: snapshot applied, replaying up to the consistency point). */
export function displayPhase(p: ReplicaPosition): string {
  if (p.phase === 'failed') return 'failed';
  if (p.paused) return 'paused';
  if (p.phase === 'active' && !isConsistent(p)) return 'catching_up';
  return p.phase;
}

import { inTransaction, type Pool } from '../db/pool';
import { recordTopologyChangeSql } from '../ha/topology-change';
import type { Logger } from '../log/logger';
import { createReplicaMailbox } from '../mailstore/provision';
import type { ReplicaState, SnapshotState } from '../schemas/views';
import { sleep } from '../util/sleep';
import { isTransientApplyError } from './agent-errors';
import { markAgentReady, markReplicaFailed, markReplicasActive, requestReinit } from './agent-ha-state';
import { backoffMs } from './agent-mutex';
import { deleteReplicaMailbox } from './agent-replica-mailbox';
import { AccountApplier } from './apply-account';
import { isConsistent, readPosition, writePositions } from './apply-position';
import { dropAllHeld } from './pending';
import { refreshMaxLag } from './status-reporter-lag';

interface HeldReplica {
  id: number;
  accountId: string;
  state: ReplicaState;
  snapshotState: SnapshotState;
  agentReadyAt: Date | null;
}

interface LocalState {
  account_id: string;
  phase: string;
  paused: number;
}

/**
 * Brings this destination's replicas in line with what the HA database asks: prepares a replica
 * to receive its snapshot (then tells the source it may start), pauses and resumes applying,
 * and deletes a removed replica's rows, position and status. Runs on topology changes and on a
 * slow timer (so nothing is missed across restarts); every action is idempotent.
 */
export class ReplicaLifecycle {
  /**
   * `topology` is the cache the agent filters records by: a replica is announced only once the
   * cache holds it, or the source's snapshot could arrive before the next poll and be dropped.
   */
  constructor(private readonly db: Pool, private readonly haDb: Pool, private readonly host: string, private readonly log: Logger,
    private readonly topology: { replicaHere(accountId: string): unknown; refresh(accountIds: string[]): Promise<void> }) {}

  /**
   * Reconciles the given accounts, or every replica that may need an action when none given.
   * `canPrepare` is false until the agent consumes: a replica is announced ready only then.
   */
  async reconcile(accountIds?: string[], canPrepare = true) {
    const replicas = await this.readReplicas(accountIds);
    const locals = await this.readLocal(accountIds ?? replicas.map((r) => r.accountId));
    const localById = new Map(locals.map((l) => [l.account_id, l]));
    for (const r of replicas) {
      try {
        await this.reconcileOne(r, localById.get(r.accountId), canPrepare);
      } catch (err) {
        this.log.warn({ err: String(err), accountId: r.accountId }, 'replica lifecycle action failed; will retry');
      }
    }
  }

  private async readReplicas(accountIds?: string[]): Promise<HeldReplica[]> {
    const cols = 'id, accountId, state, snapshotState, agentReadyAt';
    if (accountIds) {
      if (accountIds.length === 0) return [];
      const out: HeldReplica[] = [];
      for (let i = 0; i < accountIds.length; i += 2000) {
        out.push(...await this.haDb.query(`SELECT ${cols} FROM replica WHERE destination = ? AND accountId IN (?)`, [this.host, accountIds.slice(i, i + 2000)]));
      }
      return out;
    }
    // Only the replicas that can need an action, plus those paused here but resumed in the HA database.
    const actionable: HeldReplica[] = await this.haDb.query(
      `SELECT ${cols} FROM replica WHERE destination = ? AND (state IN ('removing', 'paused') OR (snapshotState = 'pending' AND agentReadyAt IS NULL))`, [this.host]);
    const pausedHere: { account_id: string }[] = await this.db.query('SELECT account_id FROM replica_position WHERE paused = 1');
    const known = new Set(actionable.map((r) => r.accountId));
    const toCheck = pausedHere.map((p) => p.account_id).filter((id) => !known.has(id));
    return toCheck.length ? [...actionable, ...await this.readReplicas(toCheck)] : actionable;
  }

  private async readLocal(accountIds: string[]): Promise<LocalState[]> {
    const out: LocalState[] = [];
    for (let i = 0; i < accountIds.length; i += 2000) {
      out.push(...await this.db.query('SELECT account_id, phase, paused FROM replica_position WHERE account_id IN (?)', [accountIds.slice(i, i + 2000)]));
    }
    return out;
  }

  private async reconcileOne(r: HeldReplica, local: LocalState | undefined, canPrepare: boolean) {
    if (r.state === 'removing') return this.remove(r);
    if (r.snapshotState === 'pending' && !r.agentReadyAt) return canPrepare ? this.prepare(r) : undefined;
    if (!local) return;
    const pausedHere = Number(local.paused) === 1;
    if (r.state === 'paused' && !pausedHere) return this.setPaused(r.accountId, true);
    if ((r.state === 'active' || r.state === 'initializing') && pausedHere) return this.resume(r);
  }

  /** Empty replica mailbox, position waiting for its snapshot, nothing held; then the source may start. */
  async prepare(r: HeldReplica) {
    try {
      // Two instances of one destination may prepare the same replica at once: a deadlock or a
      // lost connection is retried; only what the database refuses fails the replica.
      await retryTransient(() => inTransaction(this.db, async (conn) => {
        await conn.query('SELECT account_id FROM replica_position WHERE account_id = ? FOR UPDATE', [r.accountId]);
        const mailboxId = await createReplicaMailbox(conn, r.accountId);
        await conn.query(
          `INSERT INTO replica_position (account_id, mailbox_id, phase, paused, applied_seq) VALUES (?, ?, 'waiting_snapshot', ?, 0)
           ON DUPLICATE KEY UPDATE mailbox_id = VALUES(mailbox_id), phase = 'waiting_snapshot', paused = VALUES(paused), applied_seq = 0,
             snapshot_id = NULL, snapshot_seq = NULL, snapshot_items = 0, consistent_seq = NULL, last_error = NULL, updated_at = NOW(3)`,
          [r.accountId, mailboxId, r.state === 'paused' ? 1 : 0]);
        await dropAllHeld(conn, r.accountId);
      }));
    } catch (err) {
      if (isTransientApplyError(err)) throw err; // the next reconcile prepares it
      await markReplicaFailed(this.haDb, this.host, r.accountId, `cannot prepare the replica: ${(err as Error).message}`);
      throw err;
    }
    if (!this.topology.replicaHere(r.accountId)) await this.topology.refresh([r.accountId]);
    if (!this.topology.replicaHere(r.accountId)) return; // removed meanwhile
    if (await markAgentReady(this.haDb, r.id)) this.log.info({ accountId: r.accountId }, 'replica prepared; waiting for the snapshot');
  }

  async setPaused(accountId: string, paused: boolean) {
    await this.db.query('UPDATE replica_position SET paused = ?, updated_at = NOW(3) WHERE account_id = ?', [paused ? 1 : 0, accountId]);
  }

  /** Applies what was held while paused, in order, then follows the stream again. */
  async resume(r: HeldReplica) {
    const outcome = await inTransaction(this.db, async (conn) => {
      await conn.query('SELECT account_id FROM replica_position WHERE account_id = ? FOR UPDATE', [r.accountId]);
      const p = await readPosition(conn, r.accountId);
      if (!p) return undefined;
      p.paused = false;
      const applier = new AccountApplier(conn, this.host, p);
      if (p.phase === 'active') await applier.replayHeld();
      await writePositions(conn, [p]);
      return { ...applier.outcome, consistent: isConsistent(p) };
    });
    if (!outcome) return;
    this.log.info({ accountId: r.accountId, replayed: outcome.applied }, 'replica resumed');
    if (outcome.reinit) await requestReinit(this.haDb, this.host, r.accountId, outcome.reinit);
    else if (outcome.failed) await markReplicaFailed(this.haDb, this.host, r.accountId, outcome.failed);
    else if (outcome.consistent && r.state === 'initializing') await markReplicasActive(this.haDb, this.host, [r.accountId]);
  }

  /** Deletes the replica's metadata here, then its status and its row in the HA database. */
  async remove(r: HeldReplica) {
    const deleted = await inTransaction(this.db, async (conn) => {
      await conn.query('SELECT account_id FROM replica_position WHERE account_id = ? FOR UPDATE', [r.accountId]);
      const n = await deleteReplicaMailbox(conn, r.accountId);
      await conn.query('DELETE FROM replica_position WHERE account_id = ?', [r.accountId]);
      await dropAllHeld(conn, r.accountId);
      return n;
    });
    await inTransaction(this.haDb, async (conn) => {
      await conn.query('DELETE FROM replica_status WHERE replicaId = ?', [r.id]);
      await conn.query('DELETE FROM lag_sample WHERE replicaId = ?', [r.id]);
      const res = (await conn.query("DELETE FROM replica WHERE id = ? AND state = 'removing'", [r.id])) as { affectedRows: number };
      if (res.affectedRows > 0) await recordTopologyChangeSql(conn, [r.accountId]);
      // The last replica gone: the account is no longer listed by getAccountStatus.
      await conn.query('DELETE FROM account_status WHERE accountId = ? AND NOT EXISTS (SELECT 1 FROM replica r WHERE r.accountId = ?)', [r.accountId, r.accountId]);
    });
    await refreshMaxLag(this.haDb, [r.accountId]);
    this.log.info({ accountId: r.accountId, items: deleted }, 'replica removed');
  }
}

async function retryTransient<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt + 1 >= attempts || !isTransientApplyError(err)) throw err;
      await sleep(backoffMs(attempt, 50, 1000));
    }
  }
}

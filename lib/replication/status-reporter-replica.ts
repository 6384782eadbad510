import type { Pool } from '../db/pool';
import type { Topology } from '../node/topology';
import { displayPhase, isConsistent, toPosition, type ReplicaPosition } from './apply-position';
import { markReplicaFailed, markReplicasActive, requestReinit } from './agent-ha-state';
import { REINIT_PREFIX } from './apply-account';
import { refreshMaxLag } from './status-reporter-lag';

/**
 * Lag of a replica against its source's last report: events not applied yet, and the span of
 * source changes they cover (source's last change minus the last applied change), 0 when caught up.
 */
export function replicaLag(source: { sequence: number; lastChangeAt: Date | null } | undefined, replica: { sequence: number; lastAppliedAt: Date | null }) {
  const sourceSequence = source?.sequence ?? 0;
  const events = Math.max(0, sourceSequence - replica.sequence);
  let seconds = 0;
  if (events > 0 && source?.lastChangeAt) {
    const from = replica.lastAppliedAt ?? source.lastChangeAt;
    seconds = Math.max(0, (source.lastChangeAt.getTime() - from.getTime()) / 1000);
  }
  return { sourceSequence, events, seconds };
}

interface ReplicaRow {
  replicaId: number;
  accountId: string;
  mailboxId: number | null;
  sequence: number;
  itemId: number;
  lastAppliedAt: Date | null;
  canConnectToKafka: boolean;
  lastError: string | null;
  phase: string;
}

/**
 * The destination half of the materialized status: for every replica held here, its local
 * mailbox id, sequence and highest item id, the agent's phase, Kafka connectivity and last
 * error (replica_status), with the lag against the source's last reported sequence. Only
 * changed rows are written; unchanged ones are re-confirmed every `confirmMs`. It also
 * re-sends replica transitions the agent could not report at once (HA database unreachable).
 */
export class ReplicaStatus {
  private readonly sent = new Map<number, string>();
  private lastConfirm = 0;
  private lastFull = 0;
  private lastKafka: boolean | undefined;

  constructor(private readonly db: Pool, private readonly haDb: Pool, private readonly host: string, private readonly topology: Topology,
    private readonly kafkaOk: () => boolean, private readonly opts: { confirmMs: number }) {}

  async report() {
    const all = [...this.topology.replicasHeld()].filter((r) => r.state !== 'removing');
    const kafka = this.kafkaOk();
    // Every replica now and then (and when Kafka connectivity flips); otherwise only those whose
    // position moved recently (replica_position.updated_at is indexed) or never reported yet.
    const full = Date.now() - this.lastFull >= this.opts.confirmMs || kafka !== this.lastKafka;
    const positions = full ? await this.readPositions(all.map((r) => r.accountId)) : await this.readRecent();
    if (full) this.lastFull = Date.now();
    this.lastKafka = kafka;
    const held = full ? all : all.filter((r) => positions.has(r.accountId) || !this.sent.has(r.id));
    if (!full) {
      const unseen = held.filter((r) => !positions.has(r.accountId)).map((r) => r.accountId);
      for (const [k, v] of await this.readPositions(unseen)) positions.set(k, v);
    }
    const rows: ReplicaRow[] = [];
    for (const r of held) {
      const p = positions.get(r.accountId);
      rows.push({
        replicaId: r.id, accountId: r.accountId, mailboxId: p?.position.mailboxId ?? null, sequence: p?.sequence ?? 0, itemId: p?.itemId ?? 0,
        lastAppliedAt: p?.position.lastEventTs ?? null, canConnectToKafka: kafka, lastError: p?.position.lastError ?? null,
        phase: p ? displayPhase(p.position) : 'waiting_agent',
      });
    }
    const fp = (r: ReplicaRow) => `${r.mailboxId}:${r.sequence}:${r.itemId}:${r.canConnectToKafka}:${r.phase}:${r.lastError ?? ''}`;
    const changed = rows.filter((r) => this.sent.get(r.replicaId) !== fp(r));
    if (changed.length) await this.write(changed);
    for (const r of changed) this.sent.set(r.replicaId, fp(r));
    await this.reconcileTransitions(held, positions);
    if (Date.now() - this.lastConfirm >= this.opts.confirmMs) {
      this.lastConfirm = Date.now();
      await this.haDb.query('UPDATE replica_status SET updatedAt = NOW(3) WHERE destination = ? AND updatedAt < NOW(3) - INTERVAL 5 SECOND', [this.host]);
      const ids = new Set(all.map((r) => r.id));
      for (const id of this.sent.keys()) if (!ids.has(id)) this.sent.delete(id);
    }
  }

  /** Positions written in the last few report intervals. */
  private async readRecent() {
    const out = new Map<string, { position: ReplicaPosition; sequence: number; itemId: number }>();
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.*, m.change_checkpoint AS m_seq, m.item_id_checkpoint AS m_item FROM replica_position p
         LEFT JOIN mailbox m ON m.id = p.mailbox_id WHERE p.updated_at >= NOW(3) - INTERVAL 10 SECOND`);
    for (const r of rows) out.set(String(r.account_id), { position: toPosition(r), sequence: Number(r.m_seq ?? 0), itemId: Number(r.m_item ?? 0) });
    return out;
  }

  private async readPositions(accountIds: string[]) {
    const out = new Map<string, { position: ReplicaPosition; sequence: number; itemId: number }>();
    for (let i = 0; i < accountIds.length; i += 2000) {
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT p.*, m.change_checkpoint AS m_seq, m.item_id_checkpoint AS m_item FROM replica_position p
           LEFT JOIN mailbox m ON m.id = p.mailbox_id WHERE p.account_id IN (?)`, [accountIds.slice(i, i + 2000)]);
      for (const r of rows) out.set(String(r.account_id), { position: toPosition(r), sequence: Number(r.m_seq ?? 0), itemId: Number(r.m_item ?? 0) });
    }
    return out;
  }

  private async write(rows: ReplicaRow[]) {
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      const sources: { accountId: string; sequence: number; lastChangeAt: Date | null }[] = await this.haDb.query(
        'SELECT accountId, sequence, lastChangeAt FROM account_status WHERE accountId IN (?)', [chunk.map((r) => r.accountId)]);
      const bySource = new Map(sources.map((s) => [s.accountId, s]));
      await this.haDb.batch(
        `INSERT INTO replica_status (replicaId, accountId, destination, mailboxId, sequence, itemId, sourceSequence, lagEvents, lagSeconds, lastAppliedAt,
           canConnectToKafka, lastError, phase, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))
         ON DUPLICATE KEY UPDATE mailboxId = VALUES(mailboxId), sequence = VALUES(sequence), itemId = VALUES(itemId), sourceSequence = VALUES(sourceSequence),
           lagEvents = VALUES(lagEvents), lagSeconds = VALUES(lagSeconds), lastAppliedAt = VALUES(lastAppliedAt), canConnectToKafka = VALUES(canConnectToKafka),
           lastError = VALUES(lastError), phase = VALUES(phase), updatedAt = VALUES(updatedAt)`,
        chunk.map((r) => {
          const lag = replicaLag(bySource.get(r.accountId), r);
          return [r.replicaId, r.accountId, this.host, r.mailboxId, r.sequence, r.itemId, lag.sourceSequence, lag.events, lag.seconds, r.lastAppliedAt,
            r.canConnectToKafka ? 1 : 0, r.lastError?.slice(0, 4000) ?? null, r.phase];
        }));
      await refreshMaxLag(this.haDb, chunk.map((r) => r.accountId));
    }
  }

  /** Transitions the agent decided but may not have reported (the HA database was unreachable then). */
  private async reconcileTransitions(held: { accountId: string; state: string; snapshotState: string }[], positions: Map<string, { position: ReplicaPosition }>) {
    const nowActive: string[] = [];
    for (const r of held) {
      const p = positions.get(r.accountId)?.position;
      if (!p) continue;
      if (r.state === 'initializing' && !p.paused && isConsistent(p)) nowActive.push(r.accountId);
      if (p.phase === 'failed' && (r.state === 'initializing' || r.state === 'active') && r.snapshotState !== 'pending') {
        const reason = p.lastError ?? 'failed';
        if (reason.startsWith(REINIT_PREFIX)) await requestReinit(this.haDb, this.host, r.accountId, reason.slice(REINIT_PREFIX.length));
        else if (r.state === 'active' || r.state === 'initializing') await markReplicaFailed(this.haDb, this.host, r.accountId, reason);
      }
    }
    if (nowActive.length) await markReplicasActive(this.haDb, this.host, nowActive);
  }
}

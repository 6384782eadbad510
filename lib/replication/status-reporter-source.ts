import type { Pool } from '../db/pool';
import type { Topology } from '../node/topology';
import { refreshMaxLag } from './status-reporter-lag';

interface SourceRow {
  accountId: string;
  mailboxId: number;
  sequence: number;
  itemId: number;
  lastChangeAt: Date | null;
}

/**
 * The source half of the materialized status: for every protected account hosted here, its
 * mailbox id, change sequence and highest item id (account_status), and the lag of its replicas
 * as seen from the source (replica_status.sourceSequence, lagEvents, lagSeconds), so that a dead
 * destination still shows a growing lag. Only changed rows are written; all are re-confirmed
 * every `confirmMs`.
 */
export class SourceStatus {
  private readonly sent = new Map<string, string>();
  private lastConfirm = 0;
  private confirms = 0;
  private lastSample = 0;
  private lagging = new Set<number>();

  constructor(private readonly db: Pool, private readonly haDb: Pool, private readonly host: string, private readonly topology: Topology, private readonly opts: { confirmMs: number; sampleMs: number }) {}

  async report() {
    const protectedIds = [...this.topology.hostedIds()].filter((id) => this.topology.isProtected(id));
    const rows = await this.readMailboxes(protectedIds);
    const changed = rows.filter((r) => this.sent.get(r.accountId) !== `${r.mailboxId}:${r.sequence}:${r.itemId}`);
    if (changed.length) await this.write(changed);
    for (const r of changed) this.sent.set(r.accountId, `${r.mailboxId}:${r.sequence}:${r.itemId}`);
    const now = Date.now();
    if (now - this.lastConfirm >= this.opts.confirmMs) {
      this.lastConfirm = now;
      await this.confirmAndPrune(new Set(protectedIds));
    }
    if (now - this.lastSample >= this.opts.sampleMs) {
      this.lastSample = now;
      await this.sampleLag(protectedIds);
    }
  }

  private async readMailboxes(ids: string[]): Promise<SourceRow[]> {
    const out: SourceRow[] = [];
    for (let i = 0; i < ids.length; i += 2000) {
      const rows: Record<string, unknown>[] = await this.db.query(
        "SELECT account_id, id, change_checkpoint, item_id_checkpoint, last_change_at FROM mailbox WHERE account_id IN (?) AND state = 'primary'", [ids.slice(i, i + 2000)]);
      for (const r of rows) {
        out.push({ accountId: String(r.account_id), mailboxId: Number(r.id), sequence: Number(r.change_checkpoint), itemId: Number(r.item_id_checkpoint), lastChangeAt: (r.last_change_at as Date | null) ?? null });
      }
    }
    return out;
  }

  private async write(rows: SourceRow[]) {
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      await this.haDb.batch(
        `INSERT INTO account_status (accountId, mailHost, mailboxId, sequence, itemId, lastChangeAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, NOW(3))
         ON DUPLICATE KEY UPDATE mailHost = VALUES(mailHost), mailboxId = VALUES(mailboxId), sequence = VALUES(sequence), itemId = VALUES(itemId),
           lastChangeAt = VALUES(lastChangeAt), updatedAt = VALUES(updatedAt)`,
        chunk.map((r) => [r.accountId, this.host, r.mailboxId, r.sequence, r.itemId, r.lastChangeAt]));
      // The lag of each replica from the source's side: events the replica has not applied, and
      // the span of source changes they cover (docs/replication.md, "Lag").
      await this.haDb.batch(
        `UPDATE replica_status SET sourceSequence = ?, lagEvents = GREATEST(0, ? - sequence),
           lagSeconds = IF(sequence >= ?, 0, GREATEST(0, TIMESTAMPDIFF(MICROSECOND, COALESCE(lastAppliedAt, ?), ?) / 1000000))
         WHERE accountId = ?`,
        chunk.map((r) => [r.sequence, r.sequence, r.sequence, r.lastChangeAt, r.lastChangeAt ?? new Date(), r.accountId]));
      await refreshMaxLag(this.haDb, chunk.map((r) => r.accountId));
      // A row this write created (it had been pruned meanwhile) gets the account's directory copy.
      await this.haDb.query(
        `UPDATE account_status s JOIN account a ON a.id = s.accountId SET s.accountName = a.name, s.domainId = a.domainId, s.paused = a.haPaused
          WHERE s.accountId IN (?) AND s.accountName = ''`, [chunk.map((r) => r.accountId)]);
    }
  }

  /**
   * Re-confirms unchanged rows; drops the rows of accounts left without any replica (here, and
   * now and then anywhere: an account promoted away from a dead node), so that account_status
   * holds exactly the replicated accounts (getAccountStatus counts them there).
   */
  private async confirmAndPrune(protectedIds: Set<string>) {
    await this.haDb.query('UPDATE account_status SET updatedAt = NOW(3) WHERE mailHost = ? AND updatedAt < NOW(3) - INTERVAL 5 SECOND', [this.host]);
    const mine: { accountId: string }[] = await this.haDb.query('SELECT accountId FROM account_status WHERE mailHost = ?', [this.host]);
    const gone = mine.map((r) => r.accountId).filter((id) => !protectedIds.has(id));
    for (let i = 0; i < gone.length; i += 2000) {
      await this.haDb.query(
        'DELETE FROM account_status WHERE mailHost = ? AND accountId IN (?) AND NOT EXISTS (SELECT 1 FROM replica r WHERE r.accountId = account_status.accountId)',
        [this.host, gone.slice(i, i + 2000)]);
    }
    for (const id of gone) this.sent.delete(id);
    if (++this.confirms % 10 === 1) {
      await this.haDb.query('DELETE FROM account_status WHERE NOT EXISTS (SELECT 1 FROM replica r WHERE r.accountId = account_status.accountId)');
    }
  }

  /** One lag_sample per lagging replica per interval (and one zero when it recovers), for the lag chart. */
  private async sampleLag(ids: string[]) {
    const rows: { replicaId: number; lagEvents: number; lagSeconds: number }[] = [];
    for (let i = 0; i < ids.length; i += 2000) {
      rows.push(...await this.haDb.query('SELECT replicaId, lagEvents, lagSeconds FROM replica_status WHERE accountId IN (?)', [ids.slice(i, i + 2000)]));
    }
    const samples = rows.filter((r) => Number(r.lagEvents) > 0 || this.lagging.has(Number(r.replicaId)));
    this.lagging = new Set(rows.filter((r) => Number(r.lagEvents) > 0).map((r) => Number(r.replicaId)));
    for (let i = 0; i < samples.length; i += 2000) {
      await this.haDb.batch('INSERT INTO lag_sample (replicaId, at, lagEvents, lagSeconds) VALUES (?, NOW(3), ?, ?)',
        samples.slice(i, i + 2000).map((s) => [s.replicaId, s.lagEvents, s.lagSeconds]));
    }
    await this.haDb.query('DELETE FROM lag_sample WHERE at < NOW(3) - INTERVAL 1 DAY LIMIT 10000');
  }
}

import { EventEmitter } from 'node:events';
import type { Pool } from '../db/pool';
import type { Logger } from '../log/logger';
import type { ReplicaState, SnapshotState } from '../schemas/views';
import type { NodeComponent } from './component';

export interface ReplicaInfo {
  id: number;
  accountId: string;
  destination: string;
  priority: number;
  state: ReplicaState;
  snapshotState: SnapshotState;
}

export interface HostedAccount {
  id: string;
  name: string;
  epoch: number;
  /** Set while a promotion to that host drains the account: no write may be acknowledged here. */
  promotingTo: string | null;
  /** Replicas of this account on other mailstores (any state but removing counts as protected). */
  replicas: ReplicaInfo[];
}

export interface AccountRow {
  id: string;
  name: string;
  mailHost: string;
  epoch: number;
  promotingTo: string | null;
}

/**
 * This node's view of the HA database's topology: the accounts it hosts (with their epoch and
 * replicas) and the replicas it holds for other mailstores. Loaded at start, then kept current
 * by polling topology_change, so a change reaches every node within `pollMs`. Emits
 * 'change' with the account ids that changed (after the cache is updated).
 */
export class Topology extends EventEmitter implements NodeComponent {
  readonly name = 'topology';
  private readonly hostedAccounts = new Map<string, HostedAccount>();
  private readonly replicasHere = new Map<string, ReplicaInfo>();
  private lastChangeId = 0;
  private timer?: NodeJS.Timeout;
  private polling = false;
  /** Accounts that were hosted here and moved away since this node started. */
  readonly movedAway = new Set<string>();

  constructor(private readonly haDb: Pool, private readonly host: string, private readonly log: Logger, private readonly pollMs: number) {
    super();
  }

  async start() {
    const [{ maxId }] = await this.haDb.query('SELECT COALESCE(MAX(id), 0) AS maxId FROM topology_change');
    this.lastChangeId = Number(maxId);
    const hosted: AccountRow[] = await this.haDb.query('SELECT id, name, mailHost, epoch, promotingTo FROM account WHERE mailHost = ?', [this.host]);
    const mine: ReplicaInfo[] = await this.haDb.query(
      'SELECT id, accountId, destination, priority, state, snapshotState FROM replica WHERE destination = ?', [this.host]);
    for (const r of mine) this.replicasHere.set(r.accountId, r);
    await this.loadHosted(hosted);
    this.timer = setInterval(() => void this.poll(), this.pollMs);
  }

  private async loadHosted(rows: AccountRow[]) {
    const ids = rows.map((r) => r.id);
    const byAccount = new Map<string, ReplicaInfo[]>();
    for (let i = 0; i < ids.length; i += 2000) {
      const chunk = ids.slice(i, i + 2000);
      const reps: ReplicaInfo[] = await this.haDb.query(
        'SELECT id, accountId, destination, priority, state, snapshotState FROM replica WHERE accountId IN (?)', [chunk]);
      for (const r of reps) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
    }
    for (const r of rows) this.hostedAccounts.set(r.id, { id: r.id, name: r.name, epoch: r.epoch, promotingTo: r.promotingTo, replicas: byAccount.get(r.id) ?? [] });
  }

  /** Re-reads the given accounts now (also used after this node changed them itself). */
  async refresh(accountIds: string[]) {
    if (accountIds.length === 0) return;
    const unique = [...new Set(accountIds)];
    for (let i = 0; i < unique.length; i += 2000) {
      const chunk = unique.slice(i, i + 2000);
      const accounts: AccountRow[] = await this.haDb.query('SELECT id, name, mailHost, epoch, promotingTo FROM account WHERE id IN (?)', [chunk]);
      const reps: ReplicaInfo[] = await this.haDb.query(
        'SELECT id, accountId, destination, priority, state, snapshotState FROM replica WHERE accountId IN (?)', [chunk]);
      const found = new Map(accounts.map((a) => [a.id, a]));
      for (const id of chunk) {
        const a = found.get(id);
        const accountReplicas = reps.filter((r) => r.accountId === id);
        if (a && a.mailHost === this.host) {
          this.hostedAccounts.set(id, { id, name: a.name, epoch: a.epoch, promotingTo: a.promotingTo, replicas: accountReplicas });
          this.movedAway.delete(id);
        } else if (this.hostedAccounts.delete(id)) {
          this.movedAway.add(id);
        }
        const here = accountReplicas.find((r) => r.destination === this.host);
        if (here) this.replicasHere.set(id, here);
        else this.replicasHere.delete(id);
      }
    }
    this.emit('change', unique);
  }

  private async poll() {
    if (this.polling) return;
    this.polling = true;
    try {
      const rows: { id: number; accountId: string }[] = await this.haDb.query(
        'SELECT id, accountId FROM topology_change WHERE id > ? ORDER BY id LIMIT 20000', [this.lastChangeId]);
      if (rows.length === 0) return;
      this.lastChangeId = Number(rows[rows.length - 1].id);
      await this.refresh(rows.map((r) => r.accountId));
    } catch (err) {
      this.log.warn({ err: String(err) }, 'topology poll failed');
    } finally {
      this.polling = false;
    }
  }

  hosted(accountId: string): HostedAccount | undefined {
    return this.hostedAccounts.get(accountId);
  }

  hostedIds(): IterableIterator<string> {
    return this.hostedAccounts.keys();
  }

  /** True when the account is hosted here and has at least one replica that is not being removed. */
  isProtected(accountId: string): boolean {
    return (this.hostedAccounts.get(accountId)?.replicas ?? []).some((r) => r.state !== 'removing');
  }

  /** The replica this node holds for an account hosted elsewhere. */
  replicaHere(accountId: string): ReplicaInfo | undefined {
    return this.replicasHere.get(accountId);
  }

  replicasHeld(): IterableIterator<ReplicaInfo> {
    return this.replicasHere.values();
  }

  async stop() {
    clearInterval(this.timer);
  }
}

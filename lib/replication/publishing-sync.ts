import type { Pool } from '../db/pool';
import type { Logger } from '../log/logger';
import { markStale } from '../mailstore/mailbox-row';
import { adoptPromotedMailbox } from '../mailstore/provision';
import type { NodeComponent } from '../node/component';
import type { Topology } from '../node/topology';
import { setPublishingMany } from './publishing';

type TopologyView = Pick<Topology, 'hosted' | 'hostedIds' | 'isProtected' | 'replicaHere' | 'movedAway' | 'on' | 'off'>;

/**
 * Keeps each local mailbox in line with the topology: `publishing` on while a hosted account
 * has a replica (off only once the HA database confirms none is left), a replica mailbox
 * adopted as primary once its account was promoted here, and a mailbox turned `stale` when its
 * account moved away. (Epoch changes are handled by the write path and the relay.)
 */
export class PublishingSync implements NodeComponent {
  readonly name = 'publishing-sync';
  private queue: Promise<void> = Promise.resolve();
  private readonly onChange = (ids: string[]) => this.enqueue(ids);

  constructor(private readonly deps: { db: Pool; haDb: Pool; host: string; log: Logger; topology: TopologyView }) {}

  async start() {
    await this.reconcileAll();
    this.deps.topology.on('change', this.onChange);
  }

  async stop() {
    this.deps.topology.off('change', this.onChange);
    await this.queue;
  }

  /** Waits until every change seen so far is applied (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(ids: string[]) {
    this.queue = this.queue.then(() => this.apply(ids)).catch((err) => this.deps.log.warn({ err: String(err) }, 'mailbox/topology sync failed'));
  }

  private async reconcileAll() {
    const hosted = [...this.deps.topology.hostedIds()];
    for (let i = 0; i < hosted.length; i += 1000) await this.apply(hosted.slice(i, i + 1000));
    const primaries: { account_id: string }[] = await this.deps.db.query("SELECT account_id FROM mailbox WHERE state = 'primary'");
    const notHosted = primaries.map((r) => r.account_id).filter((id) => !this.deps.topology.hosted(id));
    for (let i = 0; i < notHosted.length; i += 1000) {
      const chunk = notHosted.slice(i, i + 1000);
      const owners: { id: string; mailHost: string }[] = await this.deps.haDb.query('SELECT id, mailHost FROM account WHERE id IN (?)', [chunk]);
      const elsewhere = owners.filter((o) => o.mailHost !== this.deps.host).map((o) => o.id);
      if (elsewhere.length) this.deps.log.warn({ accounts: elsewhere.length }, 'mailboxes of accounts now hosted elsewhere turned stale');
      await markStale(this.deps.db, elsewhere);
    }
  }

  private async apply(ids: string[]) {
    const { db, topology } = this.deps;
    if (ids.length === 0) return;
    const rows: { account_id: string; state: string }[] = await db.query('SELECT account_id, state FROM mailbox WHERE account_id IN (?)', [ids]);
    const local = new Map(rows.map((r) => [r.account_id, r]));
    const stale: string[] = [];
    const on: string[] = [];
    const maybeOff: string[] = [];
    for (const id of ids) {
      const m = local.get(id);
      const hosted = topology.hosted(id);
      if (!m) continue;
      if (!hosted) {
        if (topology.movedAway.has(id) && m.state === 'primary') stale.push(id);
        continue;
      }
      if (m.state === 'replica' && !topology.replicaHere(id)) await adoptPromotedMailbox(db, id, hosted.epoch);
      (topology.isProtected(id) ? on : maybeOff).push(id);
    }
    await markStale(db, stale);
    await setPublishingMany(db, on, true);
    await setPublishingMany(db, await this.confirmUnprotected(maybeOff), false);
  }

  /** Only the HA database may say an account lost its last replica (the cache may lag). */
  private async confirmUnprotected(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { accountId: string }[] = await this.deps.haDb.query(
      "SELECT DISTINCT accountId FROM replica WHERE accountId IN (?) AND state <> 'removing'", [ids]);
    const protectedNow = new Set(rows.map((r) => r.accountId));
    return ids.filter((id) => !protectedNow.has(id));
  }
}

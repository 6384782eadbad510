import { markStale } from '../mailstore/mailbox-row';
import type { NodeComponent } from './component';
import type { NodeContext } from './node';

/**
 * Makes the state of mailboxes this node no longer hosts explicit: at start (a source coming
 * back after its accounts were promoted away) and whenever the topology moves an account away,
 * every `primary` mailbox of an account hosted elsewhere turns `stale` (read-only, kept until an
 * administrator re-initialises it as a replica; docs/promotion.md).
 */
export class StaleSweep implements NodeComponent {
  readonly name = 'stale-sweep';
  private readonly onChange = (ids: string[]) => void this.sweep(ids).catch((err) => this.ctx.log.warn({ err: String(err) }, 'stale sweep failed'));

  constructor(private readonly ctx: NodeContext) {}

  async start() {
    const rows: { account_id: string }[] = await this.ctx.db.query("SELECT account_id FROM mailbox WHERE state = 'primary'");
    await this.sweep(rows.map((r) => r.account_id));
    this.ctx.topology.on('change', this.onChange);
  }

  private async sweep(accountIds: string[]) {
    const gone = accountIds.filter((id) => !this.ctx.topology.hosted(id) && !this.ctx.topology.replicaHere(id));
    const n = await markStale(this.ctx.db, gone);
    if (n) this.ctx.log.warn({ mailboxes: n }, 'mailboxes of accounts hosted elsewhere are now stale (read-only)');
  }

  async stop() {
    this.ctx.topology.off('change', this.onChange);
  }
}

export const staleSweepComponents = (ctx: NodeContext): NodeComponent[] => [new StaleSweep(ctx)];

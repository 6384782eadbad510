import type { NodeComponent } from '../node/component';
import type { NodeContext } from '../node/node';
import { backoffMs } from './agent-mutex';
import { ReplicaStatus } from './status-reporter-replica';
import { SourceStatus } from './status-reporter-source';

/**
 * Writes this node's part of the materialized status (DESIGN.md §5) into the HA database every
 * `statusIntervalMs` (1 s by default; the goal is at least every 2 s): source checkpoints of the
 * protected accounts hosted here, positions of the replicas held here, lag, Kafka connectivity
 * and last errors, plus lag samples. getAccountStatus reads only these tables.
 */
export class StatusReporter implements NodeComponent {
  readonly name = 'status-reporter';
  readonly haModule = true;
  private timer?: NodeJS.Timeout;
  private running = false;
  private busy = false;
  private failures = 0;
  private skipUntil = 0;
  readonly source: SourceStatus;
  readonly replicas: ReplicaStatus;
  lastReportAt: number | null = null;

  constructor(private readonly ctx: NodeContext, kafkaOk: () => boolean, opts: { confirmMs?: number; sampleMs?: number } = {}) {
    const c = ctx.config;
    this.source = new SourceStatus(ctx.db, ctx.haDb, c.host, ctx.topology, { confirmMs: opts.confirmMs ?? 30_000, sampleMs: opts.sampleMs ?? 60_000 });
    this.replicas = new ReplicaStatus(ctx.db, ctx.haDb, c.host, ctx.topology, kafkaOk, { confirmMs: opts.confirmMs ?? 30_000 });
  }

  async start() {
    this.running = true;
    this.timer = setInterval(() => void this.tick(), this.ctx.config.statusIntervalMs);
    void this.tick();
  }

  /** One report now (tests call it to avoid waiting). */
  async tick() {
    if (!this.running || this.busy || Date.now() < this.skipUntil) return;
    this.busy = true;
    try {
      await this.source.report();
      await this.replicas.report();
      this.failures = 0;
      this.lastReportAt = Date.now();
    } catch (err) {
      this.failures++;
      this.skipUntil = Date.now() + backoffMs(this.failures, 500, 10_000);
      this.ctx.log.warn({ err: String(err), failures: this.failures }, 'status report failed');
    } finally {
      this.busy = false;
    }
  }

  async stop() {
    this.running = false;
    clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }
}

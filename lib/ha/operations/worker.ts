import type { NodeComponent } from '../../node/component';
import { sleep } from '../../util/sleep';
import type { NodeContext } from '../../node/node';
import type { OperationKind } from '../../schemas/views';
import { claimOperations, finishOperation, readItems, releaseLease, renewLease, stateFromItems, writeItems, type ClaimedOperation } from './lease';
import { operationHandler, type OperationJob } from './registry';
import { WAKE_PATH } from './wake';

/**
 * Drives operations to their end on whichever live node holds their lease (operation.leaseOwner /
 * leaseUntil), so an operation survives a console, CLI or node restart: a node that dies stops
 * renewing, and any other node takes over once the lease expires. Handlers are per kind
 * (lib/ha/operations/registry.ts).
 */
export class OperationWorker implements NodeComponent {
  readonly name = 'operation-worker';
  private timer?: NodeJS.Timeout;
  private running = false;
  private polling = false;
  private wokenWhilePolling = false;
  private readonly active = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private readonly owner: string;
  private readonly failures = new Map<string, { count: number; notBefore: number }>();

  constructor(private readonly ctx: NodeContext, private readonly opts: { pollMs?: number; leaseMs?: number } = {}) {
    this.owner = `${ctx.config.host}#${process.pid}`;
    ctx.router.add('POST', WAKE_PATH, async () => {
      this.wake();
      return { ok: true };
    });
  }

  private get leaseMs() {
    return this.opts.leaseMs ?? 15_000;
  }

  async start() {
    this.running = true;
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs ?? 1000);
    void this.poll();
  }

  /**
   * Claims queued operations now instead of at the next poll (the core calls this right after
   * it queues one: queueOperation in ./wake.ts). Wakes during a poll coalesce into one more poll after it.
   */
  wake() {
    if (this.polling) this.wokenWhilePolling = true;
    else void this.poll();
  }

  private async poll() {
    if (!this.running || this.polling) return;
    this.polling = true;
    this.wokenWhilePolling = false;
    try {
      const now = Date.now();
      const skip = new Set([...this.active.keys(), ...[...this.failures].filter(([, f]) => f.notBefore > now).map(([id]) => id)]);
      const claimed = await claimOperations(this.ctx.haDb, this.owner, this.leaseMs, skip);
      for (const op of claimed) this.launch(op);
    } catch (err) {
      this.ctx.log.warn({ err: String(err) }, 'claiming operations failed');
    } finally {
      this.polling = false;
      if (this.wokenWhilePolling) void this.poll();
    }
  }

  private launch(op: ClaimedOperation) {
    const handler = operationHandler(op.kind as OperationKind);
    if (!handler) {
      // No handler on this node (e.g. an older version): leave it for a node that has one.
      void releaseLease(this.ctx.haDb, op.id, this.owner);
      return;
    }
    const abort = new AbortController();
    const log = this.ctx.log.child({ operation: op.id, kind: op.kind });
    const renew = setInterval(() => {
      void renewLease(this.ctx.haDb, op.id, this.owner, this.leaseMs).then((held) => {
        if (!held) abort.abort(new Error('lease lost'));
      }).catch(() => undefined);
    }, Math.max(200, Math.floor(this.leaseMs / 3)));
    const job: OperationJob = {
      op: { id: op.id, kind: op.kind as OperationKind, params: op.params, actor: op.actor, createdAt: op.createdAt },
      haDb: this.ctx.haDb,
      node: this.ctx,
      log,
      signal: abort.signal,
      items: () => readItems(this.ctx.haDb, op.id),
      updateItems: (u) => writeItems(this.ctx.haDb, op.id, u),
      sleep: (ms) => sleep(ms, abort.signal),
    };
    const done = (async () => {
      try {
        const result = await handler.run(job);
        if (abort.signal.aborted) return;
        const state = result.state ?? stateFromItems(await job.items());
        if (await finishOperation(this.ctx.haDb, op.id, this.owner, { ...result, state })) log.info({ state }, result.message);
        this.failures.delete(op.id);
      } catch (err) {
        if (abort.signal.aborted) return;
        await this.handlerFailed(op, err);
      } finally {
        clearInterval(renew);
        this.active.delete(op.id);
      }
    })();
    this.active.set(op.id, { abort, done });
  }

  /** Retries with backoff; after 10 failures in a row the operation ends failed with the error. */
  private async handlerFailed(op: ClaimedOperation, err: unknown) {
    const count = (this.failures.get(op.id)?.count ?? 0) + 1;
    const message = `the ${op.kind} handler failed: ${(err as Error).message}`;
    if (count >= 10) {
      this.failures.delete(op.id);
      await finishOperation(this.ctx.haDb, op.id, this.owner, {
        state: 'failed', message: `${message} (gave up after ${count} attempts)`,
        notification: { kind: 'operation-failed', title: `Operation ${op.kind} failed`, body: message },
      }).catch(() => undefined);
      return;
    }
    this.failures.set(op.id, { count, notBefore: Date.now() + Math.min(30_000, 500 * 2 ** count) });
    this.ctx.log.error({ operation: op.id, err: String(err), attempt: count }, 'operation handler failed; retrying later');
    await releaseLease(this.ctx.haDb, op.id, this.owner).catch(() => undefined);
  }

  async stop() {
    this.running = false;
    clearInterval(this.timer);
    const active = [...this.active];
    for (const [, a] of active) a.abort.abort(new Error('worker stopping'));
    await Promise.race([Promise.allSettled(active.map(([, a]) => a.done)), new Promise((r) => setTimeout(r, 5000))]);
    for (const [id] of active) await releaseLease(this.ctx.haDb, id, this.owner).catch(() => undefined);
  }
}

/** What the queue needs of a batch: its partition, its size in records and in bytes. */
export interface QueuedBatch {
  partition: number;
  records: { value: Buffer | null }[];
}

function byteSize(batch: QueuedBatch): number {
  let n = 0;
  for (const r of batch.records) n += r.value?.length ?? 0;
  return n;
}

/**
 * Batches fetched but not yet handed to a handler, in fetch order. A group taken from it holds
 * whole batches, never a partition another group is handling, and keeps each partition's order:
 * once a partition is skipped (busy), none of its later batches is taken either.
 */
export class BatchQueue<B extends QueuedBatch> {
  private items: { batch: B; bytes: number }[] = [];
  private queuedBytes = 0;
  private drainWaiters: (() => void)[] = [];

  get length(): number {
    return this.items.length;
  }

  get bytes(): number {
    return this.queuedBytes;
  }

  push(batch: B) {
    const bytes = byteSize(batch);
    this.items.push({ batch, bytes });
    this.queuedBytes += bytes;
  }

  /**
   * Takes up to `maxRecords` records (at least one batch when any can be taken) of partitions not
   * in `busy`, oldest first.
   */
  take(maxRecords: number, busy: ReadonlySet<number>): B[] {
    const taken: B[] = [];
    const skipped = new Set(busy);
    const kept: { batch: B; bytes: number }[] = [];
    let records = 0;
    for (const item of this.items) {
      const { batch } = item;
      const fits = taken.length === 0 || records + batch.records.length <= maxRecords;
      if (skipped.has(batch.partition) || !fits) {
        skipped.add(batch.partition);
        kept.push(item);
        continue;
      }
      taken.push(batch);
      records += batch.records.length;
      this.queuedBytes -= item.bytes;
    }
    this.items = kept;
    if (taken.length) this.wakeDrainWaiters();
    return taken;
  }

  /** Forgets every queued batch (the group was rebalanced: they are fetched again from the committed offsets). */
  clear() {
    this.items = [];
    this.queuedBytes = 0;
    this.wakeDrainWaiters();
  }

  /** Resolves at the next take or clear, or after `ms`. */
  changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiters = this.drainWaiters;
      function done() {
        clearTimeout(timer);
        const i = waiters.indexOf(done);
        if (i >= 0) waiters.splice(i, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  private wakeDrainWaiters() {
    for (const w of this.drainWaiters.splice(0)) w();
  }
}

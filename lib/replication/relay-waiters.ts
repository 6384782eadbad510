/** Where Kafka acknowledged one event: what the write's caller gets back. */
export interface PublishAck {
  partition: number;
  offset: number;
}

export interface PublishWaiter {
  promise: Promise<PublishAck>;
  cancel(): void;
}

interface Entry {
  resolve(ack: PublishAck): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** Which outbox row a writer waits for: account, epoch and change number identify it on this mailstore. */
export function waiterKey(e: { accountId: string; epoch: number; seq: number }): string {
  return `${e.accountId}#${e.epoch}#${e.seq}`;
}

/**
 * Writers waiting for their outbox row to be acknowledged by Kafka and confirmed by the fence
 * check. Each wait is bounded: at its deadline the waiter fails with `onTimeout()` while the row
 * stays in the outbox for a later publication.
 */
export class RelayWaiters {
  private readonly waiting = new Map<string, Entry>();

  expect(key: string, timeoutMs: number, onTimeout: () => Error): PublishWaiter {
    let entry!: Entry;
    const promise = new Promise<PublishAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(onTimeout());
      }, timeoutMs);
      entry = { resolve, reject, timer };
    });
    promise.catch(() => undefined); // a cancelled waiter is never awaited
    this.waiting.set(key, entry);
    return {
      promise,
      cancel: () => {
        clearTimeout(entry.timer);
        this.waiting.delete(key);
      },
    };
  }

  settle(key: string, result: PublishAck | Error) {
    const e = this.waiting.get(key);
    if (!e) return;
    this.waiting.delete(key);
    clearTimeout(e.timer);
    if (result instanceof Error) e.reject(result);
    else e.resolve(result);
  }

  rejectAll(error: (key: string) => Error) {
    for (const id of [...this.waiting.keys()]) this.settle(id, error(id));
  }

  get size() {
    return this.waiting.size;
  }
}

/** A waiter that has already failed (the relay is not running). */
export function failedWaiter(err: Error): PublishWaiter {
  const promise = Promise.reject(err);
  promise.catch(() => undefined);
  return { promise, cancel: () => undefined };
}

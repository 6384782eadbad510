/** Runs async sections one at a time, in call order (the agent's batches and lifecycle actions). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Shared/exclusive sections in call order: consecutive shared sections (the agent's batches of
 * different partitions) run together; an exclusive one (a replica's lifecycle action) waits for
 * the running ones to end, and sections asked for after it wait for it.
 */
export class SharedExclusiveLock {
  /** Running sections: a count of shared ones, or -1 while an exclusive one runs. */
  private active = 0;
  private readonly queue: { exclusive: boolean; start(): void }[] = [];

  shared<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(false, fn);
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.run(true, fn);
  }

  private async run<T>(exclusive: boolean, fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      this.queue.push({ exclusive, start });
      this.admit();
    });
    try {
      return await fn();
    } finally {
      this.active = exclusive ? 0 : this.active - 1;
      this.admit();
    }
  }

  private admit() {
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (next.exclusive ? this.active !== 0 : this.active < 0) return;
      this.queue.shift();
      this.active = next.exclusive ? -1 : this.active + 1;
      next.start();
      if (next.exclusive) return;
    }
  }
}

/** Exponential backoff with full jitter, capped. */
export function backoffMs(attempt: number, baseMs = 200, capMs = 5000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

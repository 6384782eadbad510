import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleep } from './sleep';

describe('sleep', () => {
  it('leaves no listener on the signal once the time is up', async () => {
    const abort = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(1, abort.signal);
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0);
  });

  it('ends at once when the signal aborts', async () => {
    const abort = new AbortController();
    const t0 = Date.now();
    const p = sleep(10_000, abort.signal);
    abort.abort();
    await p;
    expect(Date.now() - t0).toBeLessThan(1000);
    await sleep(10_000, abort.signal); // already aborted: no wait
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

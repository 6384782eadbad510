import { TimeoutError } from '../../errors';
import { isOperationEnded, type OperationDetail } from '../../schemas/views';
import type { HaContext } from '../context';
import { getOperation } from './store';

/**
 * Polls an operation until it ends (succeeded, partial or failed), calling `onProgress` each
 * time its progress changes. Without `pollMs` the first polls come quickly (50 ms, doubling up
 * to 500 ms), so a one-account switchover is seen to end as soon as it does. With `timeoutMs`,
 * gives up with a TimeoutError naming the uuid to monitor later; the operation keeps running.
 */
export async function waitForOperation(
  ctx: HaContext,
  id: string,
  opts: { onProgress?: (op: OperationDetail) => void; timeoutMs?: number; pollMs?: number; signal?: AbortSignal } = {},
): Promise<OperationDetail> {
  const deadline = opts.timeoutMs ? Date.now() + opts.timeoutMs : Infinity;
  let last = '';
  let pause = opts.pollMs ?? 50;
  for (;;) {
    const op = await getOperation(ctx, id, { itemsLimit: 1000 });
    const fingerprint = `${op.state}:${op.done}:${op.failed}:${op.items.map((i) => `${i.state}${i.message}`).join('|')}`;
    if (fingerprint !== last) {
      last = fingerprint;
      opts.onProgress?.(op);
    }
    if (isOperationEnded(op.state)) return op;
    if (opts.signal?.aborted) throw new TimeoutError(`Stopped waiting for operation ${id}; it keeps running: carbonio ha monitor ${id}`);
    if (Date.now() > deadline) {
      throw new TimeoutError(`Operation ${id} is still ${op.state} (${op.done}/${op.total} done) after ${Math.round(opts.timeoutMs! / 1000)} s; it keeps running: carbonio ha monitor ${id}`);
    }
    await new Promise((r) => setTimeout(r, pause));
    pause = opts.pollMs ?? Math.min(500, pause * 2);
  }
}

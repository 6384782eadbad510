import type { OperationHandler } from '../registry';
import { summarizeItems, watchItems, type Verdict, type WatchedReplica } from './replica-watch';

const CONFIRM_WAIT_MS = 30_000;

/** A pause is in force once recorded; the item ends when every destination confirmed (or is down). */
export function pauseVerdict(replicas: WatchedReplica[], elapsedMs: number): Verdict {
  const live = replicas.filter((r) => r.state !== 'failed' && r.state !== 'removing');
  if (live.length === 0) return { state: 'skipped', message: 'no replica to pause (failed or being removed)' };
  const notPaused = live.filter((r) => r.state !== 'paused');
  if (notPaused.length) return { state: 'succeeded', message: `restarted meanwhile on ${notPaused.map((r) => r.destination).join(', ')}` };
  const down = live.filter((r) => !r.destinationAlive);
  const waiting = live.filter((r) => r.destinationAlive && r.phase !== 'paused');
  if (waiting.length === 0) {
    return { state: 'succeeded', message: `paused on ${live.map((r) => r.destination).join(', ')}${down.length ? ` (${down.map((r) => r.destination).join(', ')} down: paused when it returns)` : ''}` };
  }
  if (elapsedMs > CONFIRM_WAIT_MS) return { state: 'succeeded', message: `paused; not yet confirmed by ${waiting.map((r) => r.destination).join(', ')}` };
  return { state: 'running', message: `waiting for ${waiting.map((r) => r.destination).join(', ')} to confirm` };
}

export const pauseHandler: OperationHandler = {
  kind: 'pauseReplicas',
  async run(job) {
    const items = await watchItems(job, (_item, replicas, elapsed) => pauseVerdict(replicas, elapsed));
    const body = summarizeItems(items, 'paused');
    return { message: body, notification: { kind: 'replicas-paused', title: 'Replicas paused', body } };
  },
};

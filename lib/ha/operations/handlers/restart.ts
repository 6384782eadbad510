import type { OperationHandler } from '../registry';
import { summarizeItems, watchItems, type Verdict, type WatchedReplica } from './replica-watch';
import { initialisationVerdict } from './set-destination';

const CONFIRM_WAIT_MS = 30_000;

/** Done when every replica of the account follows the stream again (active, not held back). */
export function restartVerdict(replicas: WatchedReplica[], elapsedMs: number): Verdict {
  const live = replicas.filter((r) => r.state !== 'removing');
  if (live.length === 0) return { state: 'skipped', message: 'no replica left' };
  const failed = live.filter((r) => r.state === 'failed');
  if (failed.length) return { state: 'failed', message: failed.map((r) => `${r.destination}: ${r.lastError ?? 'failed'}`).join('; ') };
  const paused = live.filter((r) => r.state === 'paused');
  if (paused.length) return { state: 'failed', message: `paused again meanwhile on ${paused.map((r) => r.destination).join(', ')}` };
  const initialising = live.filter((r) => r.state === 'initializing');
  if (initialising.length) {
    const v = initialisationVerdict(initialising[0], 're-initialised');
    return { state: 'running', message: initialising.length > 1 ? `${v.message} (and ${initialising.length - 1} more)` : v.message };
  }
  const unconfirmed = live.filter((r) => r.phase === 'paused');
  const down = unconfirmed.filter((r) => !r.destinationAlive);
  if (unconfirmed.length === 0) return { state: 'succeeded', message: `following the stream on ${live.map((r) => r.destination).join(', ')}` };
  if (down.length === unconfirmed.length || elapsedMs > CONFIRM_WAIT_MS) {
    return { state: 'succeeded', message: `resumed; ${unconfirmed.map((r) => r.destination).join(', ')} ${down.length ? 'is down and resumes when it returns' : 'has not confirmed yet'}` };
  }
  return { state: 'running', message: `waiting for ${unconfirmed.map((r) => r.destination).join(', ')} to resume` };
}

export const restartHandler: OperationHandler = {
  kind: 'restartReplicas',
  async run(job) {
    const items = await watchItems(job, (_item, replicas, elapsed) => restartVerdict(replicas, elapsed));
    const body = summarizeItems(items, 'restarted');
    return { message: body, notification: { kind: 'replicas-restarted', title: 'Replicas restarted', body } };
  },
};

import type { OperationHandler } from '../registry';
import { summarizeItems, watchItems, type Verdict, type WatchedReplica } from './replica-watch';

const DOWN_GRACE_MS = 20_000;

/** Done when the destination deleted its copy (the replica row is gone), or it is down and will. */
export function removeVerdict(r: WatchedReplica | undefined, destination: string, elapsedMs: number): Verdict {
  if (!r) return { state: 'succeeded', message: `removed from ${destination}` };
  if (r.state !== 'removing') return { state: 'failed', message: `the replica on ${destination} is ${r.state} again (set again meanwhile?)` };
  if (!r.destinationAlive && elapsedMs > DOWN_GRACE_MS) {
    return { state: 'succeeded', message: `${destination} is down: it deletes its copy when it comes back (replica shown as removing until then)` };
  }
  return { state: 'running', message: r.destinationAlive ? `${destination} is deleting its copy` : `waiting for ${destination} (its node is down)` };
}

export const removeHandler: OperationHandler = {
  kind: 'removeAccountDestination',
  async run(job) {
    const items = await watchItems(job, (item, replicas, elapsed) =>
      removeVerdict(replicas.find((r) => r.destination === item.destination), item.destination ?? '?', elapsed));
    const destination = (job.op.params as { destination?: string }).destination ?? '?';
    const body = summarizeItems(items, `no longer have a replica on ${destination}`);
    return { message: body, notification: { kind: 'replicas-removed', title: `Replicas removed from ${destination}`, body } };
  },
};

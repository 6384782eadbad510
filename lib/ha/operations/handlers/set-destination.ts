import type { OperationHandler } from '../registry';
import { summarizeItems, watchItems, type Verdict, type WatchedReplica } from './replica-watch';

/** Where an initialising replica stands, in words for the operation's item. */
export function initialisationVerdict(r: WatchedReplica | undefined, what = 'initialised'): Verdict {
  if (!r) return { state: 'failed', message: 'the replica was removed before its initialisation ended' };
  if (r.state === 'active') return { state: 'succeeded', message: `${what} (${r.snapshotItems} items in the snapshot)` };
  if (r.state === 'failed') return { state: 'failed', message: r.lastError ?? 'the replica failed' };
  if (r.state === 'removing') return { state: 'failed', message: 'the replica is being removed' };
  let message: string;
  if (!r.destinationAlive) message = `waiting for ${r.destination} (its node is down)`;
  else if (!r.agentReady) message = `waiting for the agent on ${r.destination}`;
  else if (!r.sourceAlive) message = `waiting for the source ${r.mailHost} (its node is down)`;
  else if (r.snapshotState === 'pending') message = `snapshot queued on ${r.mailHost}`;
  else if (r.snapshotState === 'running') message = `snapshot in progress: ${r.snapshotItems} items sent`;
  else message = 'snapshot applied; catching up with live changes';
  if (r.state === 'paused') message += ' (paused)';
  if (r.lastError) message += `; last error: ${r.lastError}`;
  return { state: 'running', message };
}

/** Completes when every replica the operation created is active (or failed). */
export const setDestinationHandler: OperationHandler = {
  kind: 'setAccountDestination',
  async run(job) {
    const items = await watchItems(job, (item, replicas) => initialisationVerdict(replicas.find((r) => r.destination === item.destination)));
    const destination = (job.op.params as { destination?: string }).destination ?? items[0]?.destination ?? '?';
    const body = summarizeItems(items, `now have an active replica on ${destination}`);
    return { message: body, notification: { kind: 'replica-initialised', title: `Replica initialisation completed on ${destination}`, body } };
  },
};

import { inTransaction, type Conn } from '../../db/pool';
import type { HaContext } from '../context';
import { ALIVE_SECONDS } from '../get-account-status-sql';

/** The node route that makes its operation worker claim queued operations at once. */
export const WAKE_PATH = '/api/operations/wake';

/** How long the command waits for the nodes' answers; a node that is slower claims at its next poll. */
const WAKE_TIMEOUT_MS = 300;

/**
 * Runs `write` (which inserts an operation) in one transaction, then wakes the live nodes'
 * operation workers so the operation starts now rather than at their next poll (up to a second
 * later). Waking is best effort: a node that does not answer still claims it at its next poll.
 */
export async function queueOperation<T>(ctx: HaContext, write: (conn: Conn) => Promise<T>): Promise<T> {
  const result = await inTransaction(ctx.db, write);
  await wakeOperationWorkers(ctx);
  return result;
}

/** Asks every node with a fresh heartbeat to claim queued operations; answers how many did. */
export async function wakeOperationWorkers(ctx: HaContext, timeoutMs = WAKE_TIMEOUT_MS): Promise<number> {
  let nodes: { host: string; apiUrl: string }[];
  try {
    nodes = await ctx.db.query(`SELECT host, apiUrl FROM mailstore_server WHERE heartbeatAt > NOW(3) - INTERVAL ${ALIVE_SECONDS} SECOND`);
  } catch (err) {
    ctx.log.debug({ err: String(err) }, 'cannot list the nodes to wake; they claim the operation at their next poll');
    return 0;
  }
  const answers = await Promise.allSettled(nodes.map((n) => ctx.cluster.callNodeAt(n, WAKE_PATH, { method: 'POST', timeoutMs })));
  answers.forEach((a, i) => {
    if (a.status === 'rejected') ctx.log.debug({ host: nodes[i].host, err: String(a.reason) }, 'node not woken; it claims the operation at its next poll');
  });
  return answers.filter((a) => a.status === 'fulfilled').length;
}

import { randomUUID } from 'node:crypto';
import { audited } from '../audit/record-audit';
import { RestartReplicasInput } from '../schemas/commands';
import type { OperationRef } from '../schemas/views';
import type { HaContext } from './context';
import { assertCanChange } from './operations/access';
import { parseCommandInput } from './operations/input';
import { resolveReplicatedAccounts, type ReplicaRef } from './operations/replicated-accounts';
import { insertOperation } from './operations/store';
import { queueOperation } from './operations/wake';
import { recordTopologyChangeSql } from './topology-change';

/** What restart does to one replica. */
export function restartAction(r: Pick<ReplicaRef, 'state' | 'activeSince'>): 'resume' | 'reinitialise' | 'none' {
  if (r.state === 'paused') return 'resume';
  if (r.state === 'failed' || r.state === 'initializing') return 'reinitialise';
  return 'none';
}

/**
 * Resumes paused replicas (they apply what they held, then follow the stream) and re-initialises
 * failed or stuck initialising ones with a new snapshot. Active replicas are left alone.
 */
export async function restartReplicas(ctx: HaContext, input: RestartReplicasInput): Promise<OperationRef> {
  return audited(ctx, 'restartReplicas', input, async () => {
    assertCanChange(ctx.actor, 'restarting replicas');
    const parsed = parseCommandInput('restartReplicas', RestartReplicasInput, input);
    const { accounts, duplicates } = await resolveReplicatedAccounts(ctx, 'restartReplicas', parsed.accounts);
    const operationId = randomUUID();
    const ids = accounts.map((a) => a.account.id);
    const resume = accounts.flatMap((a) => a.replicas.filter((r) => restartAction(r) === 'resume'));
    const reinit = accounts.flatMap((a) => a.replicas.filter((r) => restartAction(r) === 'reinitialise'));
    await queueOperation(ctx, async (conn) => {
      for (let i = 0; i < resume.length; i += 2000) {
        await conn.query(
          "UPDATE replica SET state = IF(activeSince IS NOT NULL AND snapshotState = 'done', 'active', 'initializing') WHERE id IN (?) AND state = 'paused'",
          [resume.slice(i, i + 2000).map((r) => r.id)]);
      }
      for (let i = 0; i < reinit.length; i += 2000) {
        await conn.query(
          `UPDATE replica SET state = 'initializing', snapshotState = 'pending', snapshotId = NULL, snapshotCursor = NULL, snapshotSeq = NULL,
             snapshotItems = 0, agentReadyAt = NULL, activeSince = NULL, lastError = NULL, operationId = ?
           WHERE id IN (?) AND state IN ('failed', 'initializing')`, [operationId, reinit.slice(i, i + 2000).map((r) => r.id)]);
      }
      for (let i = 0; i < ids.length; i += 2000) {
        await conn.query('UPDATE account SET haPaused = 0 WHERE id IN (?)', [ids.slice(i, i + 2000)]);
        await conn.query('UPDATE account_status SET paused = 0 WHERE accountId IN (?)', [ids.slice(i, i + 2000)]);
      }
      await insertOperation(conn, {
        id: operationId, kind: 'restartReplicas', actor: ctx.actor, params: { accounts: ids.length, resumed: resume.length, reinitialised: reinit.length },
        items: accounts.map(({ account, replicas }) => {
          const actions = replicas.filter((r) => r.state !== 'removing').map((r) => `${r.destination}: ${restartAction(r) === 'none' ? 'already active' : restartAction(r)}`);
          const nothing = replicas.every((r) => restartAction(r) === 'none');
          return { accountId: account.id, accountName: account.name, destination: null, message: actions.join(', '), ...(nothing ? { state: 'skipped' as const } : {}) };
        }),
      });
      await recordTopologyChangeSql(conn, ids);
    });
    return { operationId, kind: 'restartReplicas', accounts: ids.length, duplicates };
  }, (r) => `operation ${r.operationId}: ${r.accounts} accounts`);
}

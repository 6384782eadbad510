import { randomUUID } from 'node:crypto';
import { audited } from '../audit/record-audit';
import { PauseReplicasInput } from '../schemas/commands';
import type { OperationRef } from '../schemas/views';
import type { HaContext } from './context';
import { assertCanChange } from './operations/access';
import { parseCommandInput } from './operations/input';
import { resolveReplicatedAccounts } from './operations/replicated-accounts';
import { insertOperation } from './operations/store';
import { queueOperation } from './operations/wake';
import { recordTopologyChangeSql } from './topology-change';

/**
 * Stops applying events on every replica of the accounts (state paused; the account shows
 * paused). Destinations keep the events they receive and apply them on restartReplicas. A
 * failed or removing replica is left as it is (the item says so).
 */
export async function pauseReplicas(ctx: HaContext, input: PauseReplicasInput): Promise<OperationRef> {
  return audited(ctx, 'pauseReplicas', input, async () => {
    assertCanChange(ctx.actor, 'pausing replicas');
    const parsed = parseCommandInput('pauseReplicas', PauseReplicasInput, input);
    const { accounts, duplicates } = await resolveReplicatedAccounts(ctx, 'pauseReplicas', parsed.accounts);
    const operationId = randomUUID();
    const ids = accounts.map((a) => a.account.id);
    await queueOperation(ctx, async (conn) => {
      for (let i = 0; i < ids.length; i += 2000) {
        const chunk = ids.slice(i, i + 2000);
        await conn.query("UPDATE replica SET state = 'paused' WHERE accountId IN (?) AND state IN ('initializing', 'active')", [chunk]);
        await conn.query('UPDATE account SET haPaused = 1 WHERE id IN (?)', [chunk]);
        await conn.query('UPDATE account_status SET paused = 1 WHERE accountId IN (?)', [chunk]);
      }
      await insertOperation(conn, {
        id: operationId, kind: 'pauseReplicas', actor: ctx.actor, params: { accounts: ids.length },
        items: accounts.map(({ account, replicas }) => {
          const stuck = replicas.filter((r) => r.state === 'failed' || r.state === 'removing');
          return {
            accountId: account.id, accountName: account.name, destination: null,
            message: stuck.length ? `not paused: ${stuck.map((r) => `${r.destination} is ${r.state}`).join(', ')}` : null,
          };
        }),
      });
      await recordTopologyChangeSql(conn, ids);
    });
    return { operationId, kind: 'pauseReplicas', accounts: ids.length, duplicates };
  }, (r) => `operation ${r.operationId}: ${r.accounts} accounts`);
}

import { randomUUID } from 'node:crypto';
import { audited } from '../audit/record-audit';
import { RemoveAccountDestinationInput } from '../schemas/commands';
import type { OperationRef } from '../schemas/views';
import type { HaContext } from './context';
import { assertCanChange } from './operations/access';
import { parseCommandInput } from './operations/input';
import { refusal, resolveReplicatedAccounts } from './operations/replicated-accounts';
import { insertOperation } from './operations/store';
import { queueOperation } from './operations/wake';
import { recordTopologyChangeSql } from './topology-change';

/**
 * Removes the accounts' replicas on `destination`: the replicas turn `removing` at once (nothing
 * is applied to them any more; the licence no longer counts them), the destination deletes its
 * copy, positions and status and then the replica rows; the source stops publishing an account
 * once no replica is left. A destination that is down does it when it comes back.
 */
export async function removeAccountDestination(ctx: HaContext, input: RemoveAccountDestinationInput): Promise<OperationRef> {
  return audited(ctx, 'removeAccountDestination', input, async () => {
    assertCanChange(ctx.actor, 'removing replicas');
    const parsed = parseCommandInput('removeAccountDestination', RemoveAccountDestinationInput, input);
    const [server] = await ctx.db.query('SELECT host FROM mailstore_server WHERE host = ?', [parsed.destination]);
    if (!server) throw refusal('removeAccountDestination', [{ field: 'destination', message: `unknown destination ${parsed.destination}: no mailstore of that name is registered` }]);
    const { accounts, duplicates } = await resolveReplicatedAccounts(ctx, 'removeAccountDestination', parsed.accounts, (a, replicas) =>
      replicas.some((r) => r.destination.toLowerCase() === parsed.destination.toLowerCase()) ? undefined : `${a.name} has no replica on ${parsed.destination}`);
    const operationId = randomUUID();
    const ids = accounts.map((a) => a.account.id);
    await queueOperation(ctx, async (conn) => {
      for (let i = 0; i < ids.length; i += 2000) {
        const chunk = ids.slice(i, i + 2000);
        await conn.query("UPDATE replica SET state = 'removing', operationId = ? WHERE destination = ? AND accountId IN (?)", [operationId, parsed.destination, chunk]);
        // An account left without replicas is no longer paused either.
        await conn.query("UPDATE account a SET haPaused = 0 WHERE a.id IN (?) AND NOT EXISTS (SELECT 1 FROM replica r WHERE r.accountId = a.id AND r.state <> 'removing')", [chunk]);
      }
      await insertOperation(conn, {
        id: operationId, kind: 'removeAccountDestination', actor: ctx.actor, params: { destination: parsed.destination, accounts: ids.length },
        items: accounts.map(({ account }) => ({ accountId: account.id, accountName: account.name, destination: parsed.destination })),
      });
      await recordTopologyChangeSql(conn, ids);
    });
    return { operationId, kind: 'removeAccountDestination', accounts: ids.length, duplicates };
  }, (r) => `operation ${r.operationId}: ${r.accounts} accounts`);
}

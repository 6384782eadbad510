import { randomUUID } from 'node:crypto';
import { audited } from '../audit/record-audit';
import { ConflictError, ValidationError, type Problem } from '../errors';
import { SetAccountDestinationInput } from '../schemas/commands';
import type { OperationRef } from '../schemas/views';
import type { HaContext } from './context';
import { dedupeAccounts } from './input-file';
import { assertLicenseCapacity } from './license';
import { assertCanChange } from './operations/access';
import { parseCommandInput } from './operations/input';
import { insertOperation } from './operations/store';
import { queueOperation } from './operations/wake';
import { resolveAccounts, summarizeProblems, type ResolvedAccount } from './resolve-accounts';
import { recordTopologyChangeSql } from './topology-change';
import { assertCentralized } from './volumes';

/**
 * Registers a replica of each account on `destination` with `priority` and starts its initial
 * sync (DESIGN.md §5): validates everything first and changes nothing on any problem (all
 * problems are listed at once), then in one HA-DB transaction inserts the replicas (initializing,
 * snapshot pending), the operation with one item per account and the topology changes. The
 * destination's agent and the source's snapshotter do the rest; the operation worker completes
 * the operation when every replica is active and notifies the global administrators.
 */
export async function setAccountDestination(ctx: HaContext, input: SetAccountDestinationInput): Promise<OperationRef> {
  return audited(ctx, 'setAccountDestination', input, async () => {
    assertCanChange(ctx.actor, 'setting a replica destination');
    const parsed = parseCommandInput('setAccountDestination', SetAccountDestinationInput, input);
    const { accounts: names, duplicates } = dedupeAccounts(parsed.accounts);
    const accounts = await validate(ctx, parsed.destination, names);
    const operationId = randomUUID();
    const ids = accounts.map((a) => a.id);
    try {
      await queueOperation(ctx, async (conn) => {
        const already = new Set<string>();
        for (let i = 0; i < ids.length; i += 2000) {
          const rows: { accountId: string }[] = await conn.query(
            "SELECT DISTINCT accountId FROM replica WHERE accountId IN (?) AND state <> 'removing'", [ids.slice(i, i + 2000)]);
          for (const r of rows) already.add(r.accountId);
        }
        await assertLicenseCapacity(conn, ids.filter((id) => !already.has(id)).length);
        const rows = accounts.map((a) => [a.id, parsed.destination, a.mailHost, parsed.priority, operationId]);
        for (let i = 0; i < rows.length; i += 5000) {
          await conn.batch("INSERT INTO replica (accountId, destination, sourceHost, priority, state, snapshotState, operationId) VALUES (?, ?, ?, ?, 'initializing', 'pending', ?)", rows.slice(i, i + 5000));
        }
        await insertOperation(conn, {
          id: operationId, kind: 'setAccountDestination', actor: ctx.actor,
          params: { destination: parsed.destination, priority: parsed.priority, accounts: accounts.length, duplicates: duplicates.length },
          items: accounts.map((a) => ({ accountId: a.id, accountName: a.name, destination: parsed.destination })),
        });
        // Every replicated account has a status row from the start (sorting by lag reads it); its source fills it in.
        const placeholders = accounts.map((a) => [a.id, a.mailHost, a.name, a.domainId, a.haPaused ? 1 : 0]);
        for (let i = 0; i < placeholders.length; i += 5000) {
          await conn.batch(`INSERT IGNORE INTO account_status (accountId, mailHost, accountName, domainId, paused, mailboxId, sequence, itemId, updatedAt)
            VALUES (?, ?, ?, ?, ?, 0, 0, 0, NOW(3))`, placeholders.slice(i, i + 5000));
        }
        await recordTopologyChangeSql(conn, ids);
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'ER_DUP_ENTRY') {
        throw new ConflictError(`Another request added a replica on ${parsed.destination} for one of these accounts at the same time; nothing changed. Check getAccountStatus and retry.`);
      }
      throw err;
    }
    return { operationId, kind: 'setAccountDestination', accounts: accounts.length, duplicates };
  }, (r) => `operation ${r.operationId}: ${r.accounts} accounts`);
}

async function validate(ctx: HaContext, destination: string, names: string[]): Promise<ResolvedAccount[]> {
  const { found, problems } = await resolveAccounts(ctx.db, names);
  const [server] = await ctx.db.query('SELECT host FROM mailstore_server WHERE host = ?', [destination]);
  if (!server) problems.push({ field: 'destination', message: `unknown destination ${destination}: no mailstore of that name is registered` });
  const eligible: ResolvedAccount[] = [];
  for (const a of found) {
    if (a.kind === 'distribution_list') problems.push({ field: a.name, message: `${a.name} is a distribution list; only accounts can be replicated` });
    else if (a.mailHost.toLowerCase() === destination.toLowerCase()) problems.push({ field: a.name, message: `${a.name} is hosted on ${destination}: its replica must be on another mailstore` });
    else eligible.push(a);
  }
  const existing = new Set<string>();
  for (let i = 0; i < eligible.length; i += 2000) {
    const rows: { accountId: string }[] = await ctx.db.query(
      'SELECT accountId FROM replica WHERE destination = ? AND accountId IN (?)', [destination, eligible.slice(i, i + 2000).map((a) => a.id)]);
    for (const r of rows) existing.add(r.accountId);
  }
  for (const a of eligible) if (existing.has(a.id)) problems.push({ field: a.name, message: `${a.name} already has a replica on ${destination}` });
  if (server) problems.push(...await centralizationProblems(ctx, [destination, ...new Set(eligible.map((a) => a.mailHost))]));
  if (problems.length) throw refusal(problems);
  return eligible;
}

async function centralizationProblems(ctx: HaContext, hosts: string[]): Promise<Problem[]> {
  try {
    await assertCentralized(ctx.prisma, hosts);
    return [];
  } catch (err) {
    if (err instanceof ValidationError) return err.problems;
    throw err;
  }
}

function refusal(problems: Problem[]): ValidationError {
  return new ValidationError(`setAccountDestination refused, nothing changed: ${summarizeProblems(problems)}`, problems);
}

import { randomUUID } from 'node:crypto';
import { audited } from '../audit/record-audit';
import { PromoteAccountsInput } from '../schemas/commands';
import type { PromoteAccountsResult, PromotionPlanRow } from '../schemas/views';
import type { HaContext } from './context';
import { dedupeAccounts } from './input-file';
import { assertCanChange } from './operations/access';
import { parseCommandInput } from './operations/input';
import { refusal } from './operations/replicated-accounts';
import { insertOperation } from './operations/store';
import { queueOperation } from './operations/wake';
import { loadCandidates } from './promotion/candidates';
import { planPromotion } from './promotion/plan';
import { resolveAccounts } from './resolve-accounts';

/**
 * Promotes accounts to one of their replicas (DESIGN.md §5, docs/replication.md "Promotion").
 * Accounts come from `accounts` and/or every protected account of `sourceMailHost`. Bad names,
 * unknown accounts or hosts and distribution lists refuse the whole command (nothing changes).
 * With `dryRun` it only answers the plan. Otherwise it starts an operation whose handler (any
 * live node) fences, drains and moves each account; accounts the plan blocks fail with why.
 */
export async function promoteAccounts(ctx: HaContext, input: PromoteAccountsInput | Record<string, unknown>): Promise<PromoteAccountsResult> {
  const parsed = parseCommandInput('promoteAccounts', PromoteAccountsInput, input);
  const run = async (): Promise<PromoteAccountsResult> => {
    assertCanChange(ctx.actor, 'promoting accounts');
    const ids = await selectAccounts(ctx, parsed.accounts ?? [], parsed.sourceMailHost, parsed.destination);
    const candidates = await loadCandidates(ctx.db, ids);
    const plan: PromotionPlanRow[] = ids.map((id) => planPromotion(candidates.get(id)!, parsed.destination));
    if (parsed.dryRun) return { dryRun: true, plan };
    const operationId = randomUUID();
    await queueOperation(ctx, (conn) => insertOperation(conn, {
      id: operationId, kind: 'promoteAccounts', actor: ctx.actor,
      params: { threads: parsed.threads, destination: parsed.destination ?? null, sourceMailHost: parsed.sourceMailHost ?? null, accounts: ids.length },
      items: plan.map((p) => p.blockers.length
        ? { accountId: p.accountId, accountName: p.accountName, destination: p.destination, state: 'failed' as const, message: `not promoted: ${p.blockers.join('; ')}` }
        : { accountId: p.accountId, accountName: p.accountName, destination: p.destination }),
    }));
    const { duplicates } = dedupeAccounts(parsed.accounts ?? []);
    return { dryRun: false, operationId, kind: 'promoteAccounts', accounts: plan.length, duplicates, plan };
  };
  if (parsed.dryRun) return run();
  return audited(ctx, 'promoteAccounts', parsed, run, (r) => (r.dryRun ? 'dry run' : `operation ${r.operationId}: ${r.accounts} accounts`));
}

/** The ids of the accounts to promote; every problem with the request is listed at once. */
async function selectAccounts(ctx: HaContext, names: string[], sourceMailHost?: string, destination?: string): Promise<string[]> {
  const { accounts: unique } = dedupeAccounts(names);
  const { found, problems } = await resolveAccounts(ctx.db, unique);
  for (const a of found) if (a.kind === 'distribution_list') problems.push({ field: a.name, message: `${a.name} is a distribution list; distribution lists cannot be promoted` });
  const hosts = [sourceMailHost, destination].filter((h): h is string => Boolean(h));
  if (hosts.length) {
    const known: { host: string }[] = await ctx.db.query('SELECT host FROM mailstore_server WHERE host IN (?)', [hosts]);
    if (sourceMailHost && !known.some((k) => k.host === sourceMailHost)) problems.push({ field: 'source_mail_host', message: `unknown mailstore ${sourceMailHost}` });
    if (destination && !known.some((k) => k.host === destination)) problems.push({ field: 'destination', message: `unknown destination ${destination}: no mailstore of that name is registered` });
  }
  const ids = new Set(found.filter((a) => a.kind === 'account').map((a) => a.id));
  if (sourceMailHost && !problems.some((p) => p.field === 'source_mail_host')) {
    const rows: { id: string }[] = await ctx.db.query(
      "SELECT a.id FROM account a WHERE a.mailHost = ? AND a.kind = 'account' AND EXISTS (SELECT 1 FROM replica r WHERE r.accountId = a.id) ORDER BY a.name", [sourceMailHost]);
    if (rows.length === 0 && ids.size === 0) problems.push({ field: 'source_mail_host', message: `no replicated account is hosted on ${sourceMailHost}` });
    for (const r of rows) ids.add(r.id);
  }
  if (problems.length) throw refusal('promoteAccounts', problems);
  return [...ids];
}

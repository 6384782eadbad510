import { ValidationError, type Problem } from '../../errors';
import type { ReplicaState, SnapshotState } from '../../schemas/views';
import type { HaContext } from '../context';
import { dedupeAccounts } from '../input-file';
import { resolveAccounts, summarizeProblems, type ResolvedAccount } from '../resolve-accounts';

export interface ReplicaRef {
  id: number;
  accountId: string;
  destination: string;
  state: ReplicaState;
  snapshotState: SnapshotState;
  activeSince: Date | null;
}

/**
 * Resolves the accounts of a pause/restart/remove request and their replicas, listing every
 * problem at once (malformed or unknown names, distribution lists, accounts without a replica).
 */
export async function resolveReplicatedAccounts(ctx: HaContext, command: string, rawNames: string[], extra: (a: ResolvedAccount, replicas: ReplicaRef[]) => string | undefined = () => undefined) {
  const { accounts: names, duplicates } = dedupeAccounts(rawNames);
  const { found, problems } = await resolveAccounts(ctx.db, names);
  const replicas = new Map<string, ReplicaRef[]>();
  for (let i = 0; i < found.length; i += 2000) {
    const rows: ReplicaRef[] = await ctx.db.query(
      'SELECT id, accountId, destination, state, snapshotState, activeSince FROM replica WHERE accountId IN (?) ORDER BY priority, destination', [found.slice(i, i + 2000).map((a) => a.id)]);
    for (const r of rows) replicas.set(r.accountId, [...(replicas.get(r.accountId) ?? []), r]);
  }
  const out: { account: ResolvedAccount; replicas: ReplicaRef[] }[] = [];
  for (const a of found) {
    const mine = replicas.get(a.id) ?? [];
    let p: string | undefined;
    if (a.kind === 'distribution_list') p = `${a.name} is a distribution list; distribution lists have no replicas`;
    else if (mine.length === 0) p = `${a.name} has no replica`;
    else p = extra(a, mine);
    if (p) problems.push({ field: a.name, message: p });
    else out.push({ account: a, replicas: mine });
  }
  if (problems.length) throw refusal(command, problems);
  return { accounts: out, duplicates };
}

export function refusal(command: string, problems: Problem[]): ValidationError {
  return new ValidationError(`${command} refused, nothing changed: ${summarizeProblems(problems)}`, problems);
}

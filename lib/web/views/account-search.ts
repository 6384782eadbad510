import type { HaContext } from '../../ha/context';
import { domainClause } from './scope';

export interface AccountHit {
  id: string;
  name: string;
  mailHost: string;
  kind: 'account' | 'distribution_list';
  replicas: string[];
}

/**
 * Directory search for the account pickers (every account, replicated or not): names that start
 * with the text first (index range scan), then names that contain it. At most `limit` hits.
 */
export async function searchAccounts(ctx: HaContext, q: string, limit = 20): Promise<AccountHit[]> {
  const text = q.trim().toLowerCase();
  if (!text) return [];
  const like = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const scope = domainClause(ctx.actor);
  const rows: { id: string; name: string; mailHost: string; kind: AccountHit['kind'] }[] = await ctx.db.query(
    `(SELECT a.id, a.name, a.mailHost, a.kind, 0 AS rank FROM account a WHERE a.name LIKE ?${scope.sql} ORDER BY a.name LIMIT ?)
     UNION ALL
     (SELECT a.id, a.name, a.mailHost, a.kind, 1 AS rank FROM account a WHERE a.name LIKE ? AND a.name NOT LIKE ?${scope.sql} ORDER BY a.name LIMIT ?)
     ORDER BY rank, name LIMIT ?`,
    [`${like}%`, ...scope.params, limit, `%${like}%`, `${like}%`, ...scope.params, limit, limit],
  );
  if (rows.length === 0) return [];
  const replicas: { accountId: string; destination: string }[] = await ctx.db.query(
    'SELECT accountId, destination FROM replica WHERE accountId IN (?) ORDER BY priority', [rows.map((r) => r.id)]);
  return rows.map((r) => ({ id: r.id, name: r.name, mailHost: r.mailHost, kind: r.kind, replicas: replicas.filter((x) => x.accountId === r.id).map((x) => x.destination) }));
}

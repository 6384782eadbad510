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
 * with the text first (an index range), then names that contain it (a scan of the name index
 * only, in order, stopping at `limit`); the rows themselves are read for the hits alone.
 * Fast enough at 100,000 accounts (lib/web/views/overview-scale.int.test.ts).
 */
export async function searchAccounts(ctx: HaContext, q: string, limit = 20): Promise<AccountHit[]> {
  const text = q.trim().toLowerCase();
  if (!text) return [];
  const like = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const scope = domainClause(ctx.actor);
  const starts: { name: string }[] = await ctx.db.query(
    `SELECT a.name FROM account a WHERE a.name LIKE ?${scope.sql} ORDER BY a.name LIMIT ?`, [`${like}%`, ...scope.params, limit]);
  const contains: { name: string }[] = starts.length >= limit ? [] : await ctx.db.query(
    `SELECT a.name FROM account a WHERE a.name LIKE ? AND a.name NOT LIKE ?${scope.sql} ORDER BY a.name LIMIT ?`,
    [`%${like}%`, `${like}%`, ...scope.params, limit - starts.length]);
  const names = [...starts, ...contains].map((r) => r.name);
  if (names.length === 0) return [];
  const [rows, replicas]: [{ id: string; name: string; mailHost: string; kind: AccountHit['kind'] }[], { name: string; destination: string }[]] = await Promise.all([
    ctx.db.query('SELECT a.id, a.name, a.mailHost, a.kind FROM account a WHERE a.name IN (?)', [names]),
    ctx.db.query('SELECT a.name, r.destination FROM account a JOIN replica r ON r.accountId = a.id WHERE a.name IN (?) ORDER BY r.priority', [names]),
  ]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  return names.filter((n) => byName.has(n)).map((n) => {
    const r = byName.get(n)!;
    return { id: r.id, name: r.name, mailHost: r.mailHost, kind: r.kind, replicas: replicas.filter((x) => x.name === n).map((x) => x.destination) };
  });
}

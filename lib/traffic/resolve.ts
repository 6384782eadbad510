import type { Pool } from '../db/pool';
import { NotFoundError } from '../errors';

export interface ResolvedAccount {
  name: string;
  accountId: string;
  mailHost: string;
  /** The mailbox API of the mailHost, or null when that mailstore never registered. */
  apiUrl: string | null;
}

/** Where accounts live now, read from the HA database (account.mailHost -> mailstore_server.apiUrl). */
export async function resolveAccounts(haDb: Pool, names: string[]): Promise<ResolvedAccount[]> {
  const rows: { id: string; name: string; mailHost: string; apiUrl: string | null }[] = await haDb.query(
    'SELECT a.id, a.name, a.mailHost, s.apiUrl FROM account a LEFT JOIN mailstore_server s ON s.host = a.mailHost WHERE a.name IN (?)', [names]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const missing = names.filter((n) => !byName.has(n));
  if (missing.length) throw new NotFoundError(`Unknown account${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, missing.map((n) => ({ field: 'accounts', message: `no account ${n}` })));
  return names.map((n) => {
    const r = byName.get(n)!;
    return { name: n, accountId: r.id, mailHost: r.mailHost, apiUrl: r.apiUrl };
  });
}

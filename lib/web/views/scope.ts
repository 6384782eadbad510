import type { Actor } from '../../schemas/common';

/**
 * The domains a request may see: null for a global administrator (everything), the list for a
 * domain administrator (possibly empty: then nothing).
 */
export function visibleDomains(actor: Actor): string[] | null {
  return actor.role === 'domain_admin' ? (actor.domains ?? []) : null;
}

/** SQL fragment and parameters restricting `account` rows (aliased `a`) to the visible domains. */
export function domainClause(actor: Actor): { sql: string; params: unknown[] } {
  const domains = visibleDomains(actor);
  if (domains === null) return { sql: '', params: [] };
  if (domains.length === 0) return { sql: ' AND 1 = 0', params: [] };
  return { sql: ' AND a.domainId IN (SELECT id FROM domain WHERE name IN (?))', params: [domains] };
}

export function accountVisible(actor: Actor, accountName: string): boolean {
  const domains = visibleDomains(actor);
  if (domains === null) return true;
  const domain = accountName.split('@')[1]?.toLowerCase();
  return !!domain && domains.includes(domain);
}

import type { Pool } from '../db/pool';
import type { Problem } from '../errors';
import { ACCOUNT_NAME, WILDCARD_CHARS } from '../schemas/common';

export interface ResolvedAccount {
  id: string;
  name: string;
  domain: string;
  domainId: number;
  mailHost: string;
  kind: 'account' | 'distribution_list';
  epoch: number;
  haPaused: boolean;
}

/** Why a name cannot be an account, or undefined when it is a well-formed exact address. */
export function nameProblem(name: string): string | undefined {
  if (WILDCARD_CHARS.test(name)) return `"${name}" contains wildcard or regular-expression characters; give exact addresses (e.g. john.doe@example.com)`;
  if (!ACCOUNT_NAME.test(name)) return `"${name}" is not an e-mail address`;
  return undefined;
}

/**
 * Looks up accounts by exact name, 2,000 per query, and lists every problem at once: malformed
 * names, wildcards, and unknown accounts. Distribution lists are returned (kind) so each
 * command can refuse them with its own words.
 */
export async function resolveAccounts(db: Pool, names: string[]): Promise<{ found: ResolvedAccount[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const valid: string[] = [];
  for (const n of names) {
    const p = nameProblem(n);
    if (p) problems.push({ field: n, message: p });
    else valid.push(n);
  }
  const byName = new Map<string, ResolvedAccount>();
  for (let i = 0; i < valid.length; i += 2000) {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT a.id, a.name, a.mailHost, a.kind, a.epoch, a.haPaused, a.domainId, d.name AS domain
         FROM account a JOIN domain d ON d.id = a.domainId WHERE a.name IN (?)`, [valid.slice(i, i + 2000)]);
    for (const r of rows) {
      byName.set(String(r.name).toLowerCase(), {
        id: String(r.id), name: String(r.name), domain: String(r.domain), domainId: Number(r.domainId), mailHost: String(r.mailHost),
        kind: r.kind as ResolvedAccount['kind'], epoch: Number(r.epoch), haPaused: Boolean(Number(r.haPaused)),
      });
    }
  }
  const found: ResolvedAccount[] = [];
  for (const n of valid) {
    const a = byName.get(n.toLowerCase());
    if (a) found.push(a);
    else problems.push({ field: n, message: `no account named ${n}` });
  }
  return { found, problems };
}

/** Joins problems into one message: the first few in full, then how many more. */
export function summarizeProblems(problems: Problem[], max = 5): string {
  const head = problems.slice(0, max).map((p) => p.message).join('; ');
  return problems.length > max ? `${head}; and ${problems.length - max} more` : head;
}

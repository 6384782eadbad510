import { z } from 'zod';

/** An exact e-mail address: no wildcards or regular-expression characters (product rule). */
export const WILDCARD_CHARS = /[*?[\]{}()|^$+\\]/;
export const ACCOUNT_NAME = /^[A-Za-z0-9.!#%&'=_`~-]+(?:\+[A-Za-z0-9.!#%&'=_`~-]+)?@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const hostname = z.string().trim().regex(HOSTNAME, 'must be a mailstore host name (FQDN)');
export const domainName = z.string().trim().toLowerCase().regex(HOSTNAME, 'must be a domain name');

/** Lists of accounts are capped so that one request cannot exhaust the server. */
export const MAX_ACCOUNTS_PER_COMMAND = 100_000;

/** A list of raw account names; each is checked by lib/ha/resolve-accounts.ts with its own message. */
export const accountList = z.array(z.string().max(320)).max(MAX_ACCOUNTS_PER_COMMAND, `at most ${MAX_ACCOUNTS_PER_COMMAND} accounts per command`);

export const uuid = z.uuid();

/** Who runs a command, recorded in the audit log. */
export const ActorSchema = z.object({
  email: z.string(),
  role: z.enum(['global_admin', 'domain_admin', 'cli']),
  origin: z.enum(['console', 'cli', 'system']),
  remoteAddr: z.string().optional(),
  /** For a domain administrator: the domains it may see. */
  domains: z.array(z.string()).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

import { z } from 'zod';
import type { HaPrisma } from '../db/prisma';
import { ValidationError } from '../errors';
import { domainName } from '../schemas/common';
import { hashPassword, verifyPassword } from './password';

export type AdminRole = 'global_admin' | 'domain_admin';

/** An administrator as the rest of the console sees it: never with its password hash. */
export interface AdminIdentity {
  id: number;
  email: string;
  role: AdminRole;
  /** For a domain administrator: the domains it may see (empty for a global administrator). */
  domains: string[];
}

export const adminEmail = z.string().trim().toLowerCase().max(320).email('must be an e-mail address');
export const adminPassword = z.string().min(8, 'at least 8 characters').max(256, 'at most 256 characters');

export const EnsureAdminUserInput = z
  .object({
    email: adminEmail,
    password: adminPassword,
    role: z.enum(['global_admin', 'domain_admin']).default('global_admin'),
    domains: z.array(domainName).max(1000).default([]),
  })
  .refine((v) => v.role === 'global_admin' || v.domains.length > 0, { message: 'a domain administrator needs at least one domain', path: ['domains'] })
  .refine((v) => v.role === 'domain_admin' || v.domains.length === 0, { message: 'a global administrator has no domain list', path: ['domains'] });
export type EnsureAdminUserInput = z.input<typeof EnsureAdminUserInput>;

/**
 * Creates the administrator, or brings an existing one to the given password, role and
 * domains (idempotent: the demo seeding calls it on every start). The password is re-hashed
 * only when it changed.
 */
export async function ensureAdminUser(prisma: HaPrisma, input: EnsureAdminUserInput): Promise<AdminIdentity & { created: boolean }> {
  const parsed = EnsureAdminUserInput.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'input', message: i.message }));
    throw new ValidationError(`Invalid administrator: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
  const { email, password, role, domains } = parsed.data;
  const existing = await prisma.adminUser.findUnique({ where: { email } });
  const passwordHash = existing && (await verifyPassword(password, existing.passwordHash)) ? existing.passwordHash : await hashPassword(password);
  const user = await prisma.$transaction(async (tx) => {
    const u = existing
      ? await tx.adminUser.update({ where: { id: existing.id }, data: { passwordHash, role } })
      : await tx.adminUser.create({ data: { email, passwordHash, role } });
    await tx.adminDomain.deleteMany({ where: { userId: u.id } });
    if (domains.length) await tx.adminDomain.createMany({ data: domains.map((domain) => ({ userId: u.id, domain })) });
    return u;
  });
  return { id: user.id, email: user.email, role: user.role, domains, created: !existing };
}

/** The administrator with this e-mail, with its hash, for the sign-in check only. */
export async function findAdminForLogin(prisma: HaPrisma, email: string) {
  return prisma.adminUser.findUnique({ where: { email: email.trim().toLowerCase() }, include: { domains: true } });
}

export function toIdentity(user: { id: number; email: string; role: AdminRole; domains: { domain: string }[] }): AdminIdentity {
  return { id: user.id, email: user.email, role: user.role, domains: user.role === 'domain_admin' ? user.domains.map((d) => d.domain).sort() : [] };
}

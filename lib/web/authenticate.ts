import { isWellFormedToken, readCookie } from '../auth/cookie';
import type { AdminIdentity } from '../auth/admin-users';
import { resolveSession } from '../auth/sessions';
import type { HaPrisma } from '../db/prisma';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { Actor } from '../schemas/common';
import { remoteAddrOf } from './request-info';

/**
 * `admin`: any signed-in administrator (a domain administrator sees its domains only; the
 * core filters too). `global`: global administrators only. Whatever the access, a request
 * that changes something needs a global administrator.
 */
export type Access = 'admin' | 'global';

/** The administrator behind the request's session cookie; UnauthenticatedError otherwise. */
export async function authenticate(cookieHeader: string | null, prisma: () => HaPrisma): Promise<AdminIdentity> {
  const token = readCookie(cookieHeader);
  if (!token) throw new UnauthenticatedError();
  if (!isWellFormedToken(token)) throw new UnauthenticatedError('Your session cookie is not valid: sign in again.');
  const session = await resolveSession(prisma(), token);
  if (!session) throw new UnauthenticatedError('Your session has ended or expired: sign in again.');
  return session.identity;
}

export function enforceAccess(identity: AdminIdentity, access: Access, method: string): void {
  if (identity.role === 'global_admin') return;
  if (method !== 'GET' && method !== 'HEAD') throw new ForbiddenError('A domain administrator has read-only access: this change needs a global administrator.');
  if (access === 'global') throw new ForbiddenError('Only a global administrator can see this.');
}

export function actorOf(identity: AdminIdentity, request: Request): Actor {
  return {
    email: identity.email,
    role: identity.role,
    origin: 'console',
    remoteAddr: remoteAddrOf(request),
    ...(identity.role === 'domain_admin' ? { domains: identity.domains } : {}),
  };
}

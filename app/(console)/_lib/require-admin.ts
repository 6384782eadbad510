import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { AdminIdentity } from '@/lib/auth/admin-users';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { signInLocation } from '@/lib/web/access-gate';
import { pageIdentity } from '@/lib/web/auth-handlers';

/**
 * The signed-in administrator of a page request, checked against the database; redirects to
 * the sign-in page (and back afterwards) when the session is missing, ended or expired.
 */
export async function requireAdmin(): Promise<AdminIdentity> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const identity = await pageIdentity(token);
  if (!identity) redirect(signInLocation((await headers()).get('x-console-path') ?? '/'));
  return identity;
}

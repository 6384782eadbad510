import { isWellFormedToken } from '../auth/cookie';

/** Reachable without a session: the sign-in page and API, and the lead's health probe. */
export const PUBLIC_PATHS = ['/login', '/api/auth/login', '/api/health'] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname === `${p}/`);
}

export type GateDecision = { kind: 'pass' } | { kind: 'unauthorized' } | { kind: 'redirect'; location: string };

/**
 * The first, optimistic gate (the Next.js proxy): no well-formed session cookie means a 401
 * for the API and a redirect to the sign-in page for pages. The session itself is checked
 * against the database by the console layout and by every route handler.
 */
export function gateDecision(pathname: string, search: string, sessionCookie: string | undefined): GateDecision {
  if (isPublicPath(pathname) || isWellFormedToken(sessionCookie)) return { kind: 'pass' };
  if (pathname === '/api' || pathname.startsWith('/api/')) return { kind: 'unauthorized' };
  return { kind: 'redirect', location: signInLocation(pathname + search) };
}

/** /login?next=<where the administrator wanted to go>, only for same-site paths. */
export function signInLocation(wanted: string): string {
  const safe = safeNextPath(wanted);
  return safe === '/' ? '/login' : `/login?next=${encodeURIComponent(safe)}`;
}

/** Open-redirect guard: only a path on this site, never //host or a scheme. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n]/.test(next)) return '/';
  if (next.startsWith('/login') || next.startsWith('/api/')) return '/';
  return next.slice(0, 2000);
}

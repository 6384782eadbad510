import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { gateDecision } from '@/lib/web/access-gate';

// First gate in front of every page and API route (lib/web/access-gate.ts); the console
// layout and each route handler check the session itself against the database.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const decision = gateDecision(pathname, search, request.cookies.get(SESSION_COOKIE)?.value);
  if (decision.kind === 'pass') {
    // The console layout redirects an ended session to sign-in and brings the administrator back here.
    const headers = new Headers(request.headers);
    headers.set('x-console-path', pathname + search);
    return NextResponse.next({ request: { headers } });
  }
  if (decision.kind === 'unauthorized') {
    return NextResponse.json({ error: { code: 'unauthenticated', message: 'Sign in as an administrator first.', retriable: false, problems: [] } }, { status: 401, headers: { 'cache-control': 'no-store' } });
  }
  return NextResponse.redirect(new URL(decision.location, request.url));
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};

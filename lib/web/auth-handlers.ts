import { clearedSessionCookie, isWellFormedToken, readCookie, sessionCookie } from '../auth/cookie';
import { login } from '../auth/login';
import { endSession, resolveSession } from '../auth/sessions';
import { recordAudit } from '../audit/record-audit';
import { recordSignInFailure } from '../audit/sign-in-failure';
import { RateLimitedError, UnauthenticatedError } from '../errors';
import { createLogger } from '../log/logger';
import { actorOf, authenticate } from './authenticate';
import { consoleContext } from './console-context';
import { assertSameOrigin } from './origin-check';
import { MAX_BODY_BYTES } from './parse';
import { errorResponse, jsonResponse } from './respond';
import { isHttps, remoteAddrOf } from './request-info';

const log = createLogger('console');

async function jsonOrNull(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** POST /api/auth/login {email, password}: opens a session and sets its cookie. */
export async function handleLogin(request: Request): Promise<Response> {
  let body: unknown = null;
  try {
    assertSameOrigin(request);
    const ctx = consoleContext();
    body = await jsonOrNull(request);
    const r = await login(ctx.prisma, body, remoteAddrOf(request));
    await recordAudit(ctx.withActor(actorOf(r.identity, request)), 'auth.login', { email: r.identity.email }, { ok: true });
    return jsonResponse({ user: r.identity, expiresAt: r.expiresAt.toISOString() }, 200, { 'set-cookie': sessionCookie(r.token, r.expiresAt, isHttps(request)) });
  } catch (err) {
    // Wrong credentials and lock-outs are audited (malformed requests are not sign-in attempts).
    if (err instanceof UnauthenticatedError || err instanceof RateLimitedError) {
      const email = body && typeof body === 'object' ? (body as { email?: unknown }).email : undefined;
      await recordSignInFailure(consoleContext().prisma, log, { email, remoteAddr: remoteAddrOf(request), error: err });
    }
    return errorResponse(err, log);
  }
}

/** POST /api/auth/logout: ends the session on the server and clears the cookie. */
export async function handleLogout(request: Request): Promise<Response> {
  const clear = { 'set-cookie': clearedSessionCookie(isHttps(request)) };
  try {
    // A cross-site request may not even clear the cookie (no logout CSRF).
    assertSameOrigin(request);
  } catch (err) {
    return errorResponse(err, log);
  }
  try {
    const token = readCookie(request.headers.get('cookie'));
    if (!isWellFormedToken(token)) throw new UnauthenticatedError('You are not signed in.');
    const ctx = consoleContext();
    const session = await resolveSession(ctx.prisma, token);
    if (!session) throw new UnauthenticatedError('Your session had already ended.');
    await endSession(ctx.prisma, token);
    await recordAudit(ctx.withActor(actorOf(session.identity, request)), 'auth.logout', { email: session.identity.email }, { ok: true });
    return jsonResponse({ ok: true }, 200, clear);
  } catch (err) {
    return errorResponse(err, log, clear);
  }
}

/** GET /api/auth/session: who is signed in. */
export async function handleSession(request: Request): Promise<Response> {
  try {
    const identity = await authenticate(request.headers.get('cookie'), () => consoleContext().prisma);
    return jsonResponse({ user: identity });
  } catch (err) {
    return errorResponse(err, log);
  }
}

/** For server-rendered pages: the administrator of a session cookie value, or null. */
export async function pageIdentity(token: string | undefined) {
  if (!isWellFormedToken(token)) return null;
  const session = await resolveSession(consoleContext().prisma, token);
  return session?.identity ?? null;
}

import { errorBody, httpStatusOf, RateLimitedError, toHaError } from '../errors';
import type { Logger } from '../log/logger';

const NO_STORE = { 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' };

export function jsonResponse(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { ...NO_STORE, ...headers } });
}

/** An HaError (or anything thrown) as the API's JSON error, with Retry-After when rate limited. */
export function errorResponse(err: unknown, log?: Logger, headers: Record<string, string> = {}): Response {
  const e = toHaError(err);
  if (e.code === 'internal') log?.error({ err }, 'console request failed');
  const extra: Record<string, string> = { ...headers };
  if (e instanceof RateLimitedError) extra['retry-after'] = String(e.retryAfterSeconds);
  return jsonResponse(errorBody(e), httpStatusOf(e), extra);
}

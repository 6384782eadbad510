import { type ErrorCode, HaError, RateLimitedError, toHaError } from './errors';

/** HTTP status for each error code: the only place that decides it. */
const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  fenced: 409,
  license_exceeded: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
};

/** CLI exit codes, documented in docs/cli.md: keep the two in step. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  internal: 1,
  invalid_input: 2,
  not_found: 3,
  conflict: 4,
  license_exceeded: 5,
  unavailable: 6,
  timeout: 7,
  fenced: 8,
  unauthenticated: 9,
  forbidden: 9,
  rate_limited: 10,
};

export function httpStatusOf(err: unknown): number {
  return HTTP_STATUS[toHaError(err).code];
}

export function exitCodeOf(err: unknown): number {
  return EXIT_CODES[toHaError(err).code];
}

/** The JSON body every API route answers with on failure. Internal details stay in the logs. */
export function errorBody(err: unknown) {
  const e = toHaError(err);
  const message = e.code === 'internal' ? 'Internal error; see the server log.' : e.message;
  const body: Record<string, unknown> = { error: { code: e.code, message, retriable: e.retriable, problems: e.problems } };
  if (e instanceof RateLimitedError) (body.error as Record<string, unknown>).retryAfterSeconds = e.retryAfterSeconds;
  return body;
}

export { HaError };

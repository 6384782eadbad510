/**
 * The one error hierarchy of the project. Every failure the core reports to a caller is an
 * HaError: a stable `code`, a `retriable` flag, a readable message and, for validation, one
 * problem per field or account. lib/errors/mapping.ts turns it into an HTTP status and a CLI
 * exit code, in one place.
 */
export interface Problem {
  /** The field, parameter or account the problem concerns. */
  field: string;
  message: string;
}

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'license_exceeded'
  | 'unavailable'
  | 'timeout'
  | 'fenced'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'internal';

export class HaError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly problems: Problem[];

  constructor(code: ErrorCode, message: string, opts: { retriable?: boolean; problems?: Problem[]; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = opts.retriable ?? false;
    this.problems = opts.problems ?? [];
  }

  toJSON() {
    return { code: this.code, message: this.message, retriable: this.retriable, problems: this.problems };
  }
}

/** Bad input: nothing was changed. `problems` names each offending field or account. */
export class ValidationError extends HaError {
  constructor(message: string, problems: Problem[] = []) {
    super('invalid_input', message, { problems });
  }
  static single(field: string, message: string) {
    return new ValidationError(message, [{ field, message }]);
  }
}

export class NotFoundError extends HaError {
  constructor(message: string, problems: Problem[] = []) {
    super('not_found', message, { problems });
  }
}

/** The request is valid but the current state refuses it (e.g. a replica already exists). */
export class ConflictError extends HaError {
  constructor(message: string, problems: Problem[] = []) {
    super('conflict', message, { problems });
  }
}

export class LicenseExceededError extends HaError {
  constructor(message: string) {
    super('license_exceeded', message);
  }
}

/** A dependency (Kafka, a database, a mailstore node) cannot be reached; trying later may work. */
export class UnavailableError extends HaError {
  constructor(message: string, cause?: unknown) {
    super('unavailable', message, { retriable: true, cause });
  }
}

export class TimeoutError extends HaError {
  constructor(message: string, cause?: unknown) {
    super('timeout', message, { retriable: true, cause });
  }
}

/** The account moved (promoted elsewhere, epoch bumped): this mailstore may not serve it. */
export class FencedError extends HaError {
  constructor(message: string) {
    super('fenced', message);
  }
}

export class UnauthenticatedError extends HaError {
  constructor(message = 'Sign in as an administrator first.') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends HaError {
  constructor(message = 'Your role does not allow this.') {
    super('forbidden', message);
  }
}

export class RateLimitedError extends HaError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message, { retriable: true });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class InternalError extends HaError {
  constructor(message: string, cause?: unknown) {
    super('internal', message, { cause });
  }
}

/** Wraps anything thrown into an HaError without losing an HaError's own code. */
export function toHaError(err: unknown): HaError {
  if (err instanceof HaError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new InternalError(message, err);
}

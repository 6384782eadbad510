import type { HaContext } from '../ha/context';
import { toHaError } from '../errors';

const SECRET_KEYS = /pass(word)?|secret|token|cookie|authentication|sasl/i;

/** Drops secrets from logged parameters, whatever their nesting. */
export function redactParams(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (Array.isArray(value)) {
    const head = value.slice(0, 50).map((v) => redactParams(v, depth + 1));
    return value.length > 50 ? [...head, `... ${value.length - 50} more`] : head;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redactParams(v, depth + 1)]));
  }
  if (typeof value === 'string' && value.length > 500) return `${value.slice(0, 500)}...`;
  return value;
}

/**
 * Appends one row to the audit log: who (ctx.actor), from where, what, with which parameters
 * (secrets removed) and the result. Never throws: auditing must not hide the command's outcome.
 */
export async function recordAudit(ctx: HaContext, action: string, params: unknown, outcome: { ok: true; message?: string } | { ok: false; error: unknown }) {
  try {
    await ctx.prisma.auditLog.create({
      data: {
        actor: ctx.actor.email,
        role: ctx.actor.role,
        origin: ctx.actor.origin,
        remoteAddr: ctx.actor.remoteAddr ?? null,
        action,
        params: (redactParams(params) ?? {}) as object,
        result: outcome.ok ? 'ok' : toHaError(outcome.error).code,
        message: outcome.ok ? (outcome.message ?? null) : toHaError(outcome.error).message,
      },
    });
  } catch (err) {
    ctx.log.error({ err, action }, 'could not write the audit log');
  }
}

/** Runs a command and audits its outcome, success or failure. */
export async function audited<T>(ctx: HaContext, action: string, params: unknown, run: () => Promise<T>, describe?: (r: T) => string): Promise<T> {
  try {
    const result = await run();
    await recordAudit(ctx, action, params, { ok: true, message: describe?.(result) });
    return result;
  } catch (error) {
    await recordAudit(ctx, action, params, { ok: false, error });
    throw error;
  }
}

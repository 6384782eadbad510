import type { HaPrisma } from '../db/prisma';
import { toHaError } from '../errors';
import type { Logger } from '../log/logger';

const EMAIL_LIKE = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/**
 * The audit row of a refused sign-in (wrong e-mail or password, or locked out). The actor is
 * the e-mail that was typed, but only when it looks like an address: a password typed into the
 * e-mail field by mistake must not end up in the log. The password is never recorded.
 */
export async function recordSignInFailure(prisma: HaPrisma, log: Logger, attempt: { email: unknown; remoteAddr: string; error: unknown }) {
  const typed = typeof attempt.email === 'string' ? attempt.email.trim().toLowerCase() : '';
  const actor = EMAIL_LIKE.test(typed) && !/[\u0000-\u001f\u007f]/.test(typed) ? typed.slice(0, 320) : '(not an e-mail address)';
  const e = toHaError(attempt.error);
  try {
    await prisma.auditLog.create({
      data: {
        actor, role: 'none', origin: 'console', remoteAddr: attempt.remoteAddr.slice(0, 64), action: 'auth.login',
        params: { email: actor }, result: e.code, message: e.message,
      },
    });
  } catch (err) {
    log.error({ err }, 'could not write the audit log');
  }
}

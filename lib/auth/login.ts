import { z } from 'zod';
import type { HaPrisma } from '../db/prisma';
import { RateLimitedError, UnauthenticatedError, ValidationError } from '../errors';
import { findAdminForLogin, toIdentity, type AdminIdentity } from './admin-users';
import { decoyHash, verifyPassword } from './password';
import { createSession, pruneSessions } from './sessions';
import { assessAttempt, DEFAULT_THROTTLE, recordAttempt, type ThrottlePolicy } from './throttle';

export const LoginInput = z.object({
  email: z.string({ error: 'email is required' }).trim().toLowerCase().min(1, 'email is required').max(320, 'email is too long'),
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(256, 'password is too long'),
});
export type LoginInput = z.infer<typeof LoginInput>;

export interface LoginOptions {
  policy?: ThrottlePolicy;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  identity: AdminIdentity;
}

const WRONG = 'Wrong e-mail or password.';
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function lockedError(ms: number) {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new RateLimitedError(`Too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} min.`, seconds);
}

/**
 * Checks an administrator's e-mail and password and opens a session. Unknown e-mails and
 * wrong passwords get the same answer in the same time; repeated failures are slowed and
 * then locked (RateLimitedError carries Retry-After).
 */
export async function login(prisma: HaPrisma, raw: unknown, remoteAddr: string, opts: LoginOptions = {}): Promise<LoginResult> {
  const parsed = LoginInput.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'body'), message: i.message }));
    throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
  }
  const { email, password } = parsed.data;
  const policy = opts.policy ?? DEFAULT_THROTTLE;
  const now = opts.now ?? (() => new Date());
  const remote = remoteAddr.slice(0, 64) || 'unknown';

  const verdict = await assessAttempt(prisma, email, remote, policy, now());
  if (verdict.lockedForMs > 0) throw lockedError(verdict.lockedForMs);
  if (verdict.delayMs > 0) await (opts.sleep ?? defaultSleep)(verdict.delayMs);

  const user = await findAdminForLogin(prisma, email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  const at = now();
  const failures = ok && user ? 0 : verdict.failures + 1;
  await recordAttempt(prisma, { email, remoteAddr: remote, succeeded: ok && !!user, at, userId: user?.id, failures }, policy);

  if (!ok || !user) {
    if (failures >= policy.lockAfter) throw lockedError(policy.lockMs);
    throw new UnauthenticatedError(WRONG);
  }
  const session = await createSession(prisma, user.id, remote, at);
  await pruneSessions(prisma, at).catch(() => undefined);
  return { ...session, identity: toIdentity(user) };
}

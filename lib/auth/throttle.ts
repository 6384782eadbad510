import type { HaPrisma } from '../db/prisma';

/**
 * How repeated failed sign-ins are slowed, then locked. Failures count per e-mail address
 * (known or not, so the answer reveals nothing) since its last success within the window,
 * and per remote address (one client trying many addresses).
 */
export interface ThrottlePolicy {
  windowMs: number;
  /** From this many failures on, each further attempt waits before it is checked. */
  slowAfter: number;
  delayStepMs: number;
  maxDelayMs: number;
  /** This many failures lock the address for lockMs after the last failure. */
  lockAfter: number;
  lockMs: number;
  /** Failures from one remote address (any e-mail) that lock that remote address. */
  remoteLockAfter: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  slowAfter: 3,
  delayStepMs: 500,
  maxDelayMs: 3_000,
  lockAfter: 5,
  lockMs: 15 * 60_000,
  remoteLockAfter: 30,
};

export interface ThrottleVerdict {
  /** Milliseconds until the lock lifts; 0 when not locked. */
  lockedForMs: number;
  /** How long to wait before checking this attempt. */
  delayMs: number;
  /** Failures counted for the e-mail so far. */
  failures: number;
}

interface Attempt {
  succeeded: boolean;
  at: Date;
}

/** Pure rule, unit-tested: the verdict for one address given its recent attempts (newest first). */
export function verdictFor(recent: Attempt[], remoteFailures: Attempt[], policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  const sinceSuccess: Attempt[] = [];
  for (const a of recent) {
    if (a.succeeded) break;
    sinceSuccess.push(a);
  }
  const failures = sinceSuccess.length;
  const lastFailure = sinceSuccess[0]?.at.getTime() ?? 0;
  let lockedForMs = failures >= policy.lockAfter ? Math.max(0, lastFailure + policy.lockMs - now.getTime()) : 0;
  if (remoteFailures.length >= policy.remoteLockAfter) {
    const lastRemote = remoteFailures[0].at.getTime();
    lockedForMs = Math.max(lockedForMs, lastRemote + policy.lockMs - now.getTime());
  }
  const over = failures - policy.slowAfter + 1;
  const delayMs = over > 0 ? Math.min(policy.maxDelayMs, over * policy.delayStepMs) : 0;
  return { lockedForMs, delayMs, failures };
}

export async function assessAttempt(prisma: HaPrisma, email: string, remoteAddr: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - policy.windowMs);
  const [recent, remoteFailures] = await Promise.all([
    prisma.loginAttempt.findMany({ where: { email, at: { gt: since } }, orderBy: { id: 'desc' }, take: policy.lockAfter + 1, select: { succeeded: true, at: true } }),
    prisma.loginAttempt.findMany({ where: { remoteAddr, succeeded: false, at: { gt: since } }, orderBy: { id: 'desc' }, take: policy.remoteLockAfter, select: { succeeded: true, at: true } }),
  ]);
  return verdictFor(recent, remoteFailures, policy, now);
}

/** Records the attempt, and mirrors the count and lock on the administrator's row when it exists. */
export async function recordAttempt(prisma: HaPrisma, a: { email: string; remoteAddr: string; succeeded: boolean; at: Date; userId?: number; failures: number }, policy: ThrottlePolicy) {
  await prisma.loginAttempt.create({ data: { email: a.email, remoteAddr: a.remoteAddr, succeeded: a.succeeded, at: a.at } });
  if (a.userId === undefined) return;
  const locked = !a.succeeded && a.failures >= policy.lockAfter;
  await prisma.adminUser.update({
    where: { id: a.userId },
    data: a.succeeded ? { failedLogins: 0, lockedUntil: null } : { failedLogins: a.failures, lockedUntil: locked ? new Date(a.at.getTime() + policy.lockMs) : null },
  });
}

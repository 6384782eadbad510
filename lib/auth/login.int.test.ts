import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { RateLimitedError, UnauthenticatedError, ValidationError } from '../errors';
import { ensureAdminUser } from './admin-users';
import { login } from './login';
import { endSession, resolveSession, SESSION_TTL_MS, sessionIdOf } from './sessions';
import { DEFAULT_THROTTLE } from './throttle';

let env: TestEnv;
const sleeps: number[] = [];
const opts = { sleep: async (ms: number) => void sleeps.push(ms) };

beforeAll(async () => {
  env = await createTestEnv('con_auth');
  await ensureAdminUser(env.prisma, { email: 'Admin@Example.com', password: 'first-password' });
  await ensureAdminUser(env.prisma, { email: 'viewer@example.com', password: 'viewer-password', role: 'domain_admin', domains: ['customer.tld', 'Example.COM'] });
});
afterAll(async () => env?.cleanup());

describe('administrators', () => {
  it('ensureAdminUser is idempotent and updates the password', async () => {
    const again = await ensureAdminUser(env.prisma, { email: 'admin@example.com', password: 'second-password' });
    expect(again.created).toBe(false);
    expect(await env.prisma.adminUser.count({ where: { email: 'admin@example.com' } })).toBe(1);
    await expect(login(env.prisma, { email: 'admin@example.com', password: 'first-password' }, '10.0.0.1', opts)).rejects.toBeInstanceOf(UnauthenticatedError);
    const ok = await login(env.prisma, { email: 'admin@example.com', password: 'second-password' }, '10.0.0.1', opts);
    expect(ok.identity).toMatchObject({ email: 'admin@example.com', role: 'global_admin', domains: [] });
  });

  it('refuses an invalid administrator with a problem per field', async () => {
    const err = await ensureAdminUser(env.prisma, { email: 'not-an-email', password: 'short', role: 'domain_admin' }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems.map((p) => p.field).sort()).toEqual(['domains', 'email', 'password']);
  });

  it('a domain administrator carries its domains, lower-cased', async () => {
    const r = await login(env.prisma, { email: 'viewer@example.com', password: 'viewer-password' }, '10.0.0.2', opts);
    expect(r.identity).toMatchObject({ role: 'domain_admin', domains: ['customer.tld', 'example.com'] });
  });
});

describe('sessions', () => {
  it('stores only the token hash, expires, and ends for good on sign-out', async () => {
    const r = await login(env.prisma, { email: 'viewer@example.com', password: 'viewer-password' }, '10.0.0.3', opts);
    expect(await env.prisma.adminSession.findUnique({ where: { id: r.token.padEnd(64, 'x').slice(0, 64) } })).toBeNull();
    const row = await env.prisma.adminSession.findUnique({ where: { id: sessionIdOf(r.token) } });
    expect(row?.expiresAt.getTime()).toBe(r.expiresAt.getTime());
    expect(r.expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_TTL_MS - 60_000);

    expect((await resolveSession(env.prisma, r.token))?.identity.email).toBe('viewer@example.com');
    expect(await resolveSession(env.prisma, r.token, new Date(r.expiresAt.getTime() + 1))).toBeNull();
    expect(await endSession(env.prisma, r.token)).toBe(true);
    expect(await resolveSession(env.prisma, r.token)).toBeNull();
    expect(await endSession(env.prisma, r.token)).toBe(false);
  });

  it('rejects malformed tokens without a lookup', async () => {
    for (const t of [undefined, '', 'x', "' OR 1=1 --", 'a'.repeat(43) + '\n']) expect(await resolveSession(env.prisma, t)).toBeNull();
  });
});

describe('lock-out', () => {
  it('slows, then locks an address after repeated failures, for known and unknown e-mails alike', async () => {
    for (const email of ['admin@example.com', 'nobody@example.com']) {
      sleeps.length = 0;
      const errors: unknown[] = [];
      for (let i = 0; i < DEFAULT_THROTTLE.lockAfter; i++) {
        errors.push(await login(env.prisma, { email, password: `wrong-${i}` }, `10.1.0.${i}`, opts).catch((e) => e));
      }
      expect(errors.slice(0, -1).every((e) => e instanceof UnauthenticatedError)).toBe(true);
      expect(errors.at(-1)).toBeInstanceOf(RateLimitedError);
      expect(sleeps).toEqual([500, 1000]);
      // Even the right password is refused while locked, with a Retry-After.
      const locked = await login(env.prisma, { email, password: 'second-password' }, '10.1.1.1', opts).catch((e) => e);
      expect(locked).toBeInstanceOf(RateLimitedError);
      expect((locked as RateLimitedError).retryAfterSeconds).toBeGreaterThan(14 * 60);
    }
    const user = await env.prisma.adminUser.findUnique({ where: { email: 'admin@example.com' } });
    expect(user?.failedLogins).toBe(DEFAULT_THROTTLE.lockAfter);
    expect(user?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('lifts the lock after lockMs', async () => {
    const later = () => new Date(Date.now() + DEFAULT_THROTTLE.lockMs + 1000);
    const r = await login(env.prisma, { email: 'admin@example.com', password: 'second-password' }, '10.1.2.1', { ...opts, now: later });
    expect(r.identity.email).toBe('admin@example.com');
    const user = await env.prisma.adminUser.findUnique({ where: { email: 'admin@example.com' } });
    expect(user).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('refuses hostile input with a validation error, not a crash', async () => {
    for (const bad of [null, 'str', { email: 1, password: 2 }, { email: 'a'.repeat(5000), password: 'x' }, { email: 'a@b.c' }]) {
      await expect(login(env.prisma, bad, '10.2.0.1', opts)).rejects.toBeInstanceOf(ValidationError);
    }
  });
});

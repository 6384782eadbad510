import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUser } from '../../lib/auth/admin-users';
import { SESSION_COOKIE } from '../../lib/auth/cookie';
import { createHaContext, type HaContextHandle } from '../../lib/ha/context';
import { runCli } from '../../lib/cli/test-support/run-cli';
import { notificationFeed, setConsoleContext } from '../../lib/web/console-context';
import { capturedLogger } from '../reliability/support/log-capture';
import { createTestEnv, type TestEnv } from '../support/test-env';

// Passwords, session tokens and broker credentials never appear in what the system writes
// or answers: the console's API answers, the logs (captured from the real loggers, at debug),
// the CLI's output and the HA database's audit log and sign-in bookkeeping. Each secret is a
// fresh random string, so any occurrence is a leak.

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
const ADMIN_PASSWORD = secret('AdminPw');
const WRONG_PASSWORD = secret('WrongPw');
const SASL_PARAM = secret('SaslParam');
const SASL_ENV = secret('SaslEnv');
const ORIGIN = 'http://console.test';

let env: TestEnv;
let ctx: HaContextHandle;
const cap = capturedLogger('console', 'debug');
const answers: string[] = [];
let token = '';

beforeAll(async () => {
  env = await createTestEnv('secrets');
  ctx = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'console', role: 'global_admin', origin: 'system' }, log: cap.log, poolSize: 2 });
  setConsoleContext(ctx);
  await ensureAdminUser(env.prisma, { email: 'secret-admin@example.com', password: ADMIN_PASSWORD });
}, 120_000);
afterAll(async () => {
  notificationFeed().stop();
  setConsoleContext(undefined);
  await ctx?.close();
  await env?.cleanup();
});

type Handler = (req: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(route: string, method: string, body?: unknown, extra: Record<string, string> = {}) {
  const mod = (await import(/* @vite-ignore */ `../../app/api/${route}/route`)) as Record<string, Handler>;
  const res = await mod[method](new Request(`${ORIGIN}/api/${route}`, {
    method,
    headers: { origin: ORIGIN, 'x-forwarded-for': '10.66.0.1', ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...extra },
    body: body ? JSON.stringify(body) : undefined,
  }), { params: Promise.resolve({}) });
  const text = await res.text();
  answers.push(`${res.status} ${JSON.stringify([...res.headers].filter(([k]) => k !== 'set-cookie'))} ${text}`);
  return { res, text };
}

function expectAbsent(where: string, text: string, secrets: string[]) {
  for (const s of secrets) expect(text.includes(s), `${where} contains a secret (${s.split('-')[0]})`).toBe(false);
}

describe('secrets in the console', () => {
  it('sign-in, session, broker test with credentials and the audit log: no password or token in answers, logs or tables', async () => {
    const wrong = await call('auth/login', 'POST', { email: 'secret-admin@example.com', password: WRONG_PASSWORD });
    expect(wrong.res.status).toBe(401);
    const typo = await call('auth/login', 'POST', { email: ADMIN_PASSWORD, password: ADMIN_PASSWORD });
    expect(typo.res.status).toBe(401);

    const ok = await call('auth/login', 'POST', { email: 'secret-admin@example.com', password: ADMIN_PASSWORD });
    expect(ok.res.status).toBe(200);
    token = /carbonio_ha_session=([^;]+)/.exec(ok.res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(token.length).toBeGreaterThan(20);

    expect((await call('auth/session', 'GET')).res.status).toBe(200);
    const probe = await call('settings/brokers/test', 'POST', { brokers: `${env.brokers[0]},127.0.0.1:1`, authentication: `scram-sha-256:ha-user:${SASL_PARAM}` });
    expect(probe.res.status).toBe(200);
    expect(JSON.parse(probe.text)).toMatchObject({ allReachable: false });
    const badAuth = await call('settings/brokers/test', 'POST', { brokers: env.brokers[0], authentication: `scram-sha-999:ha-user:${SASL_PARAM}` });
    expect(badAuth.res.status).toBe(400);
    const audit = await call('audit', 'GET');
    expect(audit.res.status).toBe(200);
    expect(audit.text).toContain('config.testBrokers');
    expect(audit.text).toContain('[redacted]');

    const auditRows = JSON.stringify(await env.prisma.auditLog.findMany(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    const attempts = JSON.stringify(await env.prisma.loginAttempt.findMany(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    const sessions = JSON.stringify(await env.prisma.adminSession.findMany(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    const all = [ADMIN_PASSWORD, WRONG_PASSWORD, SASL_PARAM, token];
    expectAbsent('an API answer', answers.join('\n'), all);
    expectAbsent('the console log', cap.text(), all);
    expectAbsent('the audit log', auditRows, all);
    expectAbsent('login_attempt', attempts, all);
    expectAbsent('admin_session', sessions, all);
  });

  it('failed sign-ins are audited with the typed e-mail, never a password typed into the e-mail field', async () => {
    const rows = await env.prisma.auditLog.findMany({ where: { action: 'auth.login' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.actor, r.result])).toEqual([
      ['secret-admin@example.com', 'unauthenticated'],
      ['(not an e-mail address)', 'unauthenticated'],
      ['secret-admin@example.com', 'ok'],
    ]);
    expect(rows[0]).toMatchObject({ role: 'none', origin: 'console', remoteAddr: '10.66.0.1', message: 'Wrong e-mail or password.' });
  });

  it('the logger redacts secret fields wherever they are nested', () => {
    const c = capturedLogger('redaction');
    c.log.info({
      password: ADMIN_PASSWORD, token, cookie: `${SESSION_COOKIE}=${token}`, authentication: `scram-sha-256:u:${SASL_PARAM}`,
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: SASL_ENV }, headers: { cookie: token, authorization: `Bearer ${token}` },
      settings: { sasl: { password: SASL_ENV }, authentication: SASL_PARAM }, env: { CARBONIO_KAFKA_SASL_PASSWORD: SASL_ENV },
    }, 'secrets everywhere');
    const text = c.text();
    expect(text).toContain('secrets everywhere');
    expect(text).toContain('[redacted]');
    expectAbsent('a redacted log line', text, [ADMIN_PASSWORD, token, SASL_PARAM, SASL_ENV]);
  });
});

describe('secrets in the CLI', () => {
  const cliEnv = () => ({ ...env.childEnv(), CARBONIO_LOG_LEVEL: 'debug', CARBONIO_KAFKA_SASL_MECHANISM: 'scram-sha-256', CARBONIO_KAFKA_SASL_USERNAME: 'ha-user', CARBONIO_KAFKA_SASL_PASSWORD: SASL_ENV });

  it('test brokers and config set with SASL credentials print and audit no password, in text and JSON', async () => {
    const before = await env.prisma.auditLog.count();
    const runs = await Promise.all([
      runCli(['ha', 'test', 'brokers', `${env.brokers[0]},127.0.0.1:1`, 'authentication', `scram-sha-512:ha-user:${SASL_PARAM}`], cliEnv()),
      runCli(['--json', 'ha', 'test', 'brokers', env.brokers[0], 'authentication', `scram-sha-256:ha-user:${SASL_PARAM}`], cliEnv()),
      runCli(['ha', 'test', 'brokers', env.brokers[0]], cliEnv()),
      runCli(['config', 'set', 'global', 'brokers', env.brokers.join(',')], cliEnv()),
      runCli(['--json', 'config', 'get', 'global', 'brokers'], cliEnv()),
      runCli(['ha', 'test', 'brokers', env.brokers[0], 'authentication', `nonsense:${SASL_PARAM}`], cliEnv()),
    ]);
    // The shared test broker has no SASL: every authenticated probe fails, and says why.
    expect(runs[0].code).not.toBe(0);
    expect(runs[0].stderr).toMatch(/unreachable/);
    expect(runs[3].code).toBe(0);
    expect(runs[4].code).toBe(0);
    expect(runs[5].code).toBe(2);
    expect(runs[5].stderr).toMatch(/authentication must be MECHANISM:USERNAME:PASSWORD/);
    const output = runs.map((r) => `${r.stdout}\n${r.stderr}`).join('\n');
    expectAbsent('the CLI output', output, [SASL_PARAM, SASL_ENV]);
    const rows = await env.prisma.auditLog.findMany({ skip: before });
    expect(rows.filter((r) => r.origin === 'cli').length).toBeGreaterThanOrEqual(runs.length);
    expectAbsent('the audit log', JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v)), [SASL_PARAM, SASL_ENV]);
  });
});

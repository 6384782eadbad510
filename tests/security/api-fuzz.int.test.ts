import fc from 'fast-check';
import * as mariadb from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUser } from '../../lib/auth/admin-users';
import { login } from '../../lib/auth/login';
import { SESSION_COOKIE } from '../../lib/auth/cookie';
import { createHaContext, type HaContextHandle } from '../../lib/ha/context';
import { createAccounts } from '../../lib/replication/agent-test-env';
import { notificationFeed, setConsoleContext } from '../../lib/web/console-context';
import { createTestEnv, type TestEnv } from '../support/test-env';
import { ACCOUNTS, hostileBody, hostileQuery, hostileString, HOSTS, type BodyCase } from './support/hostile';

// Property-based attack on every console API route, called directly as Next.js calls them,
// with a global administrator's session: random and hostile bodies, queries and path
// parameters. Whatever the input: no 500 and no throw, a 4xx names what is wrong, and a
// refused request changes nothing in the HA database (every table's row count and checksum,
// except the audit log, which records the refusal, and the sign-in bookkeeping).

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ORIGIN = 'http://console.test';
const IGNORED_TABLES = new Set(['audit_log', 'login_attempt', 'admin_session', '_prisma_migrations', 'schema_migrations']);

let env: TestEnv;
let ctx: HaContextHandle;
let conn: mariadb.Connection;
let cookie: string;
let tables: string[] = [];

beforeAll(async () => {
  env = await createTestEnv('api_fuzz');
  ctx = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'console', role: 'global_admin', origin: 'system' }, poolSize: 4 });
  setConsoleContext(ctx);
  for (const host of HOSTS) {
    await env.prisma.mailstoreServer.create({ data: { host, apiUrl: 'http://127.0.0.1:1', heartbeatAt: new Date(), volumes: { create: [{ name: 'primary', path: `/srv/${host}`, centralized: true }] } } });
  }
  await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 3 } });
  await createAccounts(env.prisma, HOSTS[0], ACCOUNTS);
  await ensureAdminUser(env.prisma, { email: 'fuzz-admin@example.com', password: 'fuzz-admin-password' });
  const session = await login(env.prisma, { email: 'fuzz-admin@example.com', password: 'fuzz-admin-password' }, '10.77.0.1');
  cookie = `${SESSION_COOKIE}=${session.token}`;
  const u = new URL(env.haDbUrl);
  conn = await mariadb.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username || 'root', database: u.pathname.slice(1) });
  const rows: { name: string }[] = await conn.query('SELECT TABLE_NAME name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME');
  tables = rows.map((r) => r.name).filter((t) => !IGNORED_TABLES.has(t));
}, 120_000);
afterAll(async () => {
  if (process.env.FUZZ_TALLY) console.log(tally);
  await conn?.end();
  notificationFeed().stop();
  setConsoleContext(undefined);
  await ctx?.close();
  await env?.cleanup();
});

/** Row count and content checksum of every HA table that a request may change. */
async function snapshot(): Promise<Record<string, string>> {
  const sums: { Table: string; Checksum: bigint | number | null }[] = await conn.query(`CHECKSUM TABLE ${tables.map((t) => `\`${t}\``).join(', ')}`);
  const out: Record<string, string> = {};
  for (const s of sums) out[s.Table.split('.').pop()!] = String(s.Checksum);
  return out;
}

async function load(route: string): Promise<Record<string, Handler>> {
  return (await import(/* @vite-ignore */ `../../app/api/${route}/route`)) as Record<string, Handler>;
}

function request(method: string, path: string, body?: BodyCase, query?: [string, string][], remoteAddr = '10.77.0.9'): Request {
  const url = new URL(`${ORIGIN}${path}`);
  for (const [k, v] of query ?? []) url.searchParams.append(k, v);
  const text = body === undefined ? undefined : body.kind === 'raw' ? body.text : JSON.stringify(body.value);
  return new Request(url, {
    method,
    headers: { origin: ORIGIN, cookie, 'x-forwarded-for': remoteAddr, ...(text !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: text,
  });
}

/** The contract of every answer; returns the parsed body. */
const tally: Record<string, number> = {};

async function expectWellFormedAnswer(res: Response, what: string) {
  const status = res.status;
  const key = `${what.split(' ').slice(0, 2).join(' ')} ${status}`;
  tally[key] = (tally[key] ?? 0) + 1;
  expect(status, `${what} answered ${status}`).not.toBe(500);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    await res.body?.cancel();
    return { status, body: undefined };
  }
  const body = (await res.json()) as { error?: { code: string; message: string; problems?: { field: string; message: string }[] } };
  if (status >= 400) {
    expect(body.error?.message, `${what}: an error names what is wrong`).toMatch(/\S/);
    if (status === 400) {
      expect(body.error?.code).toBe('invalid_input');
      expect(body.error?.problems?.length, `${what}: a 400 lists its problems`).toBeGreaterThan(0);
      for (const p of body.error!.problems!) expect(p.message).toMatch(/\S/);
    }
    // Only a missing mailstore (nobody runs here) may give a 5xx, and it says so.
    if (status >= 500) expect(body.error?.code, what).toMatch(/^(unavailable|timeout)$/);
  }
  return { status, body };
}

interface MutationRoute {
  route: string;
  method: 'POST' | 'PUT';
  path: string;
  fields: Record<string, fc.Arbitrary<unknown>>;
  /** Well-typed bodies that reach the core, with existing and unknown names mixed in. */
  plausible: fc.Arbitrary<Record<string, unknown>>;
  /** A valid request, run first: the route must accept it (so the fuzz reaches a working route). */
  example?: Record<string, unknown>;
  params?: fc.Arbitrary<Record<string, string>>;
}

const someAccounts = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ACCOUNTS) }, { weight: 1, arbitrary: fc.constantFrom('nobody@fuzz.test', 'ann@fuzz.test ', 'ANN@FUZZ.TEST', "ann'@fuzz.test", 'a*@fuzz.test', 'x@unknown.test') }), { minLength: 1, maxLength: 5 });
const someHost = fc.constantFrom(...HOSTS, 'unknown.fuzz.test');

const accountsField = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.oneof(fc.constantFrom(...ACCOUNTS), hostileString), { maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: 100_001 }, (_, i) => `bulk${i}@fuzz.test`)) },
  { weight: 1, arbitrary: fc.constant([...ACCOUNTS, ...Array.from({ length: 3000 }, (_, i) => `missing${i}@fuzz.test`)]) },
);
const hostField = fc.oneof(fc.constantFrom(...HOSTS, 'unknown.fuzz.test'), hostileString);
const intField = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 10, 1e309, Number.MAX_SAFE_INTEGER + 2));

const MUTATIONS: MutationRoute[] = [
  { route: 'replicas/destination', method: 'POST', path: '/api/replicas/destination', fields: { destination: hostField, priority: intField, accounts: accountsField },
    plausible: fc.record({ destination: someHost, priority: fc.integer({ min: -1, max: 20 }), accounts: someAccounts }),
    example: { destination: HOSTS[1], priority: 5, accounts: [ACCOUNTS[0], ACCOUNTS[1]] } },
  { route: 'replicas/remove', method: 'POST', path: '/api/replicas/remove', fields: { destination: hostField, accounts: accountsField },
    plausible: fc.record({ destination: someHost, accounts: someAccounts }), example: { destination: HOSTS[1], accounts: [ACCOUNTS[1]] } },
  { route: 'replicas/pause', method: 'POST', path: '/api/replicas/pause', fields: { accounts: accountsField }, plausible: fc.record({ accounts: someAccounts }), example: { accounts: [ACCOUNTS[0]] } },
  { route: 'replicas/restart', method: 'POST', path: '/api/replicas/restart', fields: { accounts: accountsField }, plausible: fc.record({ accounts: someAccounts }), example: { accounts: [ACCOUNTS[0]] } },
  { route: 'promotions', method: 'POST', path: '/api/promotions', fields: { accounts: accountsField, sourceMailHost: hostField, destination: hostField, threads: intField, dryRun: fc.boolean() },
    plausible: fc.record({ accounts: someAccounts, destination: someHost, threads: fc.integer({ min: 0, max: 70 }), dryRun: fc.boolean() }, { requiredKeys: ['accounts', 'dryRun'] }),
    example: { accounts: [ACCOUNTS[0]], dryRun: true } },
  { route: 'settings/brokers', method: 'PUT', path: '/api/settings/brokers', fields: { brokers: fc.oneof(hostileString, fc.constantFrom('127.0.0.1:1,127.0.0.1:1', 'a:0', 'x:65536', "';--:1")) },
    plausible: fc.record({ brokers: fc.constantFrom('127.0.0.1:19092', '127.0.0.1:1,127.0.0.1:1', '127.0.0.1:19092,bad host:1', 'kafka1.fuzz.test:9092,kafka2.fuzz.test:9092') }), example: { brokers: '127.0.0.1:1' } },
  { route: 'settings/brokers/test', method: 'POST', path: '/api/settings/brokers/test', fields: { brokers: fc.oneof(hostileString, fc.constant('127.0.0.1:1')), authentication: hostileString },
    plausible: fc.record({ brokers: fc.constant('127.0.0.1:1'), authentication: fc.constantFrom('scram-sha-256:u:p', 'plain:u:p:with:colons', 'gssapi:u:p', ':::') }), example: { brokers: '127.0.0.1:1' } },
  { route: 'notifications/read', method: 'POST', path: '/api/notifications/read', fields: { ids: fc.array(intField, { maxLength: 5 }), all: fc.oneof(fc.boolean(), hostileString) },
    plausible: fc.oneof(fc.record({ ids: fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 3 }) }), fc.constant({ all: true })), example: { all: true } },
  {
    route: 'accounts/[account]/verify', method: 'POST', path: '/api/accounts/x/verify', fields: { destination: hostField }, plausible: fc.record({ destination: someHost }, { requiredKeys: [] }),
    params: fc.record({ account: fc.oneof(fc.constantFrom(...ACCOUNTS), hostileString) }),
  },
];

describe('API fuzz: mutations never answer 500 and a refusal changes nothing', () => {
  for (const m of MUTATIONS) {
    it(`${m.method} ${m.path}`, async () => {
      const handler = (await load(m.route))[m.method];
      expect(typeof handler).toBe('function');
      let refused = 0;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(hostileBody(m.fields), m.plausible.map((value) => ({ kind: 'json' as const, value }))), m.params ?? fc.constant({ account: ACCOUNTS[0] }), async (body, params) => {
          const before = await snapshot();
          const res = await handler(request(m.method, m.path, body), { params: Promise.resolve(params) });
          const { status } = await expectWellFormedAnswer(res, `${m.method} ${m.path} ${describeBody(body)}`);
          if (status >= 400) {
            refused++;
            expect(await snapshot(), `${m.method} ${m.path} was refused (${status}) but changed the database: ${describeBody(body)}`).toEqual(before);
          } else {
            accepted++;
          }
        }),
        { numRuns: 60, endOnFailure: true, examples: m.example ? [[{ kind: 'json', value: m.example }, { account: ACCOUNTS[0] }]] : [] },
      );
      expect(refused, 'hostile input must be refused at least sometimes').toBeGreaterThan(0);
      if (m.example) expect(accepted, 'plausible input must reach the core and succeed sometimes').toBeGreaterThan(0);
    });
  }
});

interface QueryRoute {
  route: string;
  path: string;
  keys: string[];
  params?: fc.Arbitrary<Record<string, string>>;
}

const QUERIES: QueryRoute[] = [
  { route: 'accounts', path: '/api/accounts', keys: ['q', 'domain', 'mailHost', 'replicaServer', 'accounts', 'accountStatus', 'replicaStatus', 'replicaState', 'sort', 'order', 'page', 'pageSize'] },
  { route: 'accounts/search', path: '/api/accounts/search', keys: ['q'] },
  { route: 'audit', path: '/api/audit', keys: ['actor', 'action', 'origin', 'result', 'from', 'to', 'page', 'pageSize'] },
  { route: 'operations', path: '/api/operations', keys: ['page', 'pageSize', 'kind', 'state'] },
  { route: 'notifications', path: '/api/notifications', keys: ['page', 'pageSize', 'unread'] },
  { route: 'promotions', path: '/api/promotions', keys: ['page', 'pageSize', 'account', 'from', 'to'] },
  { route: 'overview', path: '/api/overview', keys: ['x'] },
  { route: 'mailstores', path: '/api/mailstores', keys: ['x'] },
  { route: 'license', path: '/api/license', keys: ['x'] },
  { route: 'settings/brokers', path: '/api/settings/brokers', keys: ['x'] },
  { route: 'operations/[id]', path: '/api/operations/x', keys: ['x'], params: fc.record({ id: fc.oneof(fc.uuid(), hostileString) }) },
  { route: 'accounts/[account]', path: '/api/accounts/x', keys: ['x'], params: fc.record({ account: fc.oneof(fc.constantFrom(...ACCOUNTS), hostileString) }) },
  { route: 'accounts/[account]/lag', path: '/api/accounts/x/lag', keys: ['x'], params: fc.record({ account: fc.oneof(fc.constantFrom(...ACCOUNTS), hostileString) }) },
  { route: 'notifications/stream', path: '/api/notifications/stream', keys: ['x'] },
];

describe('API fuzz: queries never answer 500 and change nothing', () => {
  for (const q of QUERIES) {
    it(`GET ${q.path}`, async () => {
      const handler = (await load(q.route)).GET;
      expect(typeof handler).toBe('function');
      await fc.assert(
        fc.asyncProperty(hostileQuery(q.keys), q.params ?? fc.constant({}), async (query, params) => {
          const before = await snapshot();
          const abort = new AbortController();
          const req = request('GET', q.path, undefined, query);
          const res = await handler(new Request(req, { signal: abort.signal }), { params: Promise.resolve(params) });
          await expectWellFormedAnswer(res, `GET ${q.path} ${JSON.stringify(query).slice(0, 300)}`);
          abort.abort();
          expect(await snapshot(), `GET ${q.path} changed the database`).toEqual(before);
        }),
        { numRuns: q.keys.length > 1 ? 40 : 12, endOnFailure: true },
      );
    });
  }

  it('the audit log of all that hostile input still reads back', async () => {
    const res = await (await load('audit')).GET(request('GET', '/api/audit', undefined, [['pageSize', '200']]), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { total: number; entries: { result: string }[] };
    expect(page.total).toBeGreaterThan(50);
    expect(page.entries.some((e) => e.result === 'invalid_input')).toBe(true);
  });
});

describe('API fuzz: sign-in', () => {
  it('POST /api/auth/login never answers 500 and opens no session for hostile input', async () => {
    const handler = (await load('auth/login')).POST;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileBody({ email: fc.oneof(hostileString, fc.constant('fuzz-admin@example.com')), password: hostileString }), async (body) => {
        const sessions = await env.prisma.adminSession.count();
        // A fresh address each time: the per-address lock-out is tested elsewhere (lib/auth).
        const req = request('POST', '/api/auth/login', body, undefined, `10.78.${Math.floor(n / 250)}.${n++ % 250}`);
        const res = await handler(req, { params: Promise.resolve({}) });
        const { status } = await expectWellFormedAnswer(res, `login ${describeBody(body)}`);
        expect([400, 401, 429], describeBody(body)).toContain(status);
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(await env.prisma.adminSession.count()).toBe(sessions);
      }),
      { numRuns: 30, endOnFailure: true },
    );
  });
});

function describeBody(body: BodyCase): string {
  const text = body.kind === 'raw' ? body.text : JSON.stringify(body.value);
  return text.length > 300 ? `${text.slice(0, 300)}... (${text.length} chars)` : text;
}

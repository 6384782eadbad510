import { request } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { adminApi } from '../support/api';
import { E2E } from '../support/e2e-stack';
import { expect, test } from '../support/fixtures';
import { consoleRoutes } from '../support/routes';

// Walks every route under app/ against the running console: nothing answers without a
// signed-in administrator, a domain administrator changes nothing and sees no global-only
// data, and no mutation is accepted from another origin.

const PUBLIC = new Set(['/login', '/api/auth/login', '/api/health']);
const routes = consoleRoutes({ account: 'john.doe@example.com', id: randomUUID() });
const body = { data: {} };

test('every route refuses a request without a session, and every page sends it to sign-in', async ({ baseURL }) => {
  expect(routes.filter((r) => r.kind === 'api').length).toBeGreaterThan(20);
  const anon = await request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  const forged = await request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL!).origin, cookie: `carbonio_ha_session=${'A'.repeat(43)}` }, maxRedirects: 0 });
  for (const r of routes.filter((x) => !PUBLIC.has(x.url))) {
    for (const ctx of [anon, forged]) {
      if (r.kind === 'page') {
        const res = await ctx.get(r.url);
        expect(res.status(), `page ${r.url}`).toBe(307);
        expect(res.headers().location, `page ${r.url}`).toMatch(/^\/login(\?next=|$)/);
        continue;
      }
      for (const m of r.methods) {
        const res = await ctx.fetch(r.url, { method: m, ...(m === 'GET' ? {} : body) });
        expect(res.status(), `${m} ${r.url}`).toBe(401);
        expect((await res.json()).error.code, `${m} ${r.url}`).toBe('unauthenticated');
      }
    }
  }
  await anon.dispose();
  await forged.dispose();
});

test('a domain administrator reads its own scope and changes nothing', async ({ baseURL }) => {
  const viewer = await adminApi(baseURL!, E2E.viewer);
  const allowedReads = new Set(['/api/accounts', '/api/accounts/search', '/api/overview', '/api/auth/session', `/api/accounts/${encodeURIComponent('john.doe@example.com')}`, `/api/accounts/${encodeURIComponent('john.doe@example.com')}/lag`]);
  for (const r of routes.filter((x) => x.kind === 'api' && !PUBLIC.has(x.url) && x.url !== '/api/auth/logout')) {
    for (const m of r.methods) {
      const res = await viewer.fetch(r.url, { method: m, ...(m === 'GET' ? {} : body) });
      if (m !== 'GET') {
        // Verify changes nothing and is allowed within its domains: john.doe@example.com is not one of them.
        expect([403, 404], `${m} ${r.url}`).toContain(res.status());
      } else if (allowedReads.has(r.url)) {
        // Reads of its scope work; an account of another domain is "not found".
        expect([200, 404], `${m} ${r.url}`).toContain(res.status());
      } else {
        expect(res.status(), `${m} ${r.url}`).toBe(403);
      }
    }
  }
  const status = await (await viewer.get('/api/accounts?domain=example.com')).json();
  expect(status.error?.code).toBe('forbidden');
  await viewer.dispose();
});

test('no mutation is accepted from another origin, even with a valid session', async ({ baseURL }) => {
  const admin = await adminApi(baseURL!);
  for (const r of routes.filter((x) => x.kind === 'api')) {
    for (const m of r.methods.filter((x) => x !== 'GET')) {
      for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }]) {
        const res = await admin.fetch(r.url, { method: m, headers, data: {} });
        expect(res.status(), `${m} ${r.url} from ${headers.origin}`).toBe(403);
      }
    }
  }
  // The session still works afterwards: the refusals changed nothing.
  expect((await admin.get('/api/auth/session')).status()).toBe(200);
  await admin.dispose();
});

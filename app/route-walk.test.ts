import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateDecision, PUBLIC_PATHS } from '@/lib/web/access-gate';

// Walks every route under app/ and proves that none answers without a signed-in administrator:
// each API route handler refuses a request without a session (401 JSON) by itself, the proxy
// sends every page to the sign-in page, and every page checks the session again on the server.
// e2e/auth/route-walk.spec.ts does the same against the running console.

const APP = path.resolve(import.meta.dirname);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** app/(console)/accounts/[account]/page.tsx -> /accounts/sample-account */
function urlOf(file: string): string {
  const rel = path.relative(APP, path.dirname(file)).split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('_'))
    .map((s) => (s.startsWith('[') ? `sample-${s.replace(/[[\].]/g, '')}` : s));
  return `/${rel.join('/')}`;
}

const files = walk(APP);
const routes = files.filter((f) => f.endsWith('route.ts')).map((f) => ({ file: f, url: urlOf(f) }));
const pages = files.filter((f) => /page\.tsx$/.test(f)).map((f) => ({ file: f, url: urlOf(f) }));
const isPublic = (url: string) => (PUBLIC_PATHS as readonly string[]).includes(url);

describe('route walk: every route needs an administrator', () => {
  it('finds the routes and pages', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(pages.map((p) => p.url)).toEqual(expect.arrayContaining(['/', '/replicas', '/login', '/settings', '/audit']));
  });

  for (const r of routes.filter((x) => !isPublic(x.url))) {
    it(`API ${r.url} answers 401 to every method without a session`, async () => {
      const mod = (await import(r.file)) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof mod[m] === 'function');
      expect(methods.length).toBeGreaterThan(0);
      for (const m of methods) {
        const handler = mod[m] as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
        const forged = [undefined, 'carbonio_ha_session=short', 'other=1'];
        for (const cookie of forged) {
          const req = new Request(`http://console.test${r.url}`, {
            method: m,
            headers: { origin: 'http://console.test', ...(cookie ? { cookie } : {}), ...(m === 'GET' ? {} : { 'content-type': 'application/json' }) },
            body: m === 'GET' ? undefined : '{}',
          });
          const res = await handler(req, { params: Promise.resolve({ account: 'a@b.c', id: 'x' }) });
          expect(res.status, `${m} ${r.url} with cookie ${cookie}`).toBe(401);
          expect((await res.json()).error.code).toBe('unauthenticated');
        }
      }
    });

    it(`the proxy answers 401 for ${r.url} without a session cookie`, () => {
      expect(gateDecision(r.url, '', undefined)).toEqual({ kind: 'unauthorized' });
    });
  }

  for (const p of pages.filter((x) => !isPublic(x.url))) {
    it(`page ${p.url} is sent to sign-in by the proxy and checks the session itself`, () => {
      const d = gateDecision(p.url, '?x=1', undefined);
      expect(d.kind).toBe('redirect');
      expect(d.kind === 'redirect' && d.location.startsWith('/login')).toBe(true);
      const source = readFileSync(p.file, 'utf8');
      expect(source, `${p.file} must call requireAdmin()`).toMatch(/await requireAdmin\(\)/);
    });
  }

  it('the console layout checks the session for every page under it', () => {
    expect(readFileSync(path.join(APP, '(console)', 'layout.tsx'), 'utf8')).toMatch(/await requireAdmin\(\)/);
    expect(pages.filter((p) => !isPublic(p.url)).every((p) => p.file.includes(`${path.sep}(console)${path.sep}`))).toBe(true);
  });
});

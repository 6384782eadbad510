import { describe, expect, it } from 'vitest';
import { ForbiddenError, InternalError, RateLimitedError, ValidationError } from '../errors';
import { silentLogger } from '../log/logger';
import { enforceAccess } from './authenticate';
import { errorResponse, jsonResponse } from './respond';
import { lastEventIdOf, sseMessage } from './event-stream';

describe('responses', () => {
  it('maps errors to their status, never caches, and says when to retry', async () => {
    const r = errorResponse(new RateLimitedError('slow down', 90));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('90');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect((await r.json()).error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 90 });
    const v = errorResponse(ValidationError.single('priority', 'must be 0 or more'));
    expect(v.status).toBe(400);
    expect((await v.json()).error.problems).toEqual([{ field: 'priority', message: 'must be 0 or more' }]);
    expect(errorResponse(new ForbiddenError()).status).toBe(403);
  });

  it('hides internal details', async () => {
    const r = errorResponse(new InternalError('password=hunter2 at db.ts:12'), silentLogger);
    expect(r.status).toBe(500);
    expect(JSON.stringify(await r.json())).not.toContain('hunter2');
    expect(errorResponse(new Error('boom'), silentLogger).status).toBe(500);
  });

  it('answers JSON', async () => {
    const r = jsonResponse({ a: 1 }, 201);
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toContain('application/json');
  });
});

describe('roles', () => {
  const global = { id: 1, email: 'g@x.com', role: 'global_admin' as const, domains: [] };
  const domain = { id: 2, email: 'd@x.com', role: 'domain_admin' as const, domains: ['customer.tld'] };
  it('a global administrator may do everything', () => {
    for (const m of ['GET', 'POST', 'PUT']) expect(() => enforceAccess(global, 'global', m)).not.toThrow();
  });
  it('a domain administrator reads its scope and changes nothing', () => {
    expect(() => enforceAccess(domain, 'admin', 'GET')).not.toThrow();
    expect(() => enforceAccess(domain, 'global', 'GET')).toThrow(ForbiddenError);
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) expect(() => enforceAccess(domain, 'admin', m)).toThrow(ForbiddenError);
  });
});

describe('server-sent events', () => {
  it('frames an event with its id', () => {
    expect(new TextDecoder().decode(sseMessage('notification', { a: 1 }, 7))).toBe('id: 7\nevent: notification\ndata: {"a":1}\n\n');
    expect(new TextDecoder().decode(sseMessage('unread', { unread: 2 }))).toBe('event: unread\ndata: {"unread":2}\n\n');
  });
  it('trusts only a numeric Last-Event-ID', () => {
    const r = (v?: string) => new Request('http://x.test/', { headers: v === undefined ? {} : { 'last-event-id': v } });
    expect(lastEventIdOf(r('42'))).toBe(42);
    for (const bad of [undefined, '', '-1', '1e9', "1' OR 1=1", '9'.repeat(30)]) expect(lastEventIdOf(r(bad))).toBeUndefined();
  });
});

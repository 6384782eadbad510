import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors';
import { assertSameOrigin } from './origin-check';
import { isHttps, remoteAddrOf, requestOrigin } from './request-info';

const req = (method: string, headers: Record<string, string>, url = 'http://console.test:3000/api/x') => new Request(url, { method, headers });

describe('CSRF origin check', () => {
  it('lets reads through whatever their origin', () => {
    expect(() => assertSameOrigin(req('GET', { origin: 'https://evil.example' }))).not.toThrow();
  });

  it('accepts a mutation from the console itself (Host header, or X-Forwarded-Host behind a proxy)', () => {
    expect(() => assertSameOrigin(req('POST', { origin: 'http://console.test:3000', host: 'console.test:3000' }))).not.toThrow();
    expect(() => assertSameOrigin(req('PUT', { origin: 'https://ha.example.com', host: '127.0.0.1:3000', 'x-forwarded-host': 'ha.example.com', 'x-forwarded-proto': 'https' }))).not.toThrow();
    expect(() => assertSameOrigin(req('POST', { 'sec-fetch-site': 'same-origin', host: 'console.test:3000' }))).not.toThrow();
  });

  it('refuses a cross-site mutation, a scheme or port mismatch, and one with no origin at all', () => {
    const bad: Record<string, string>[] = [
      { origin: 'https://evil.example', host: 'console.test:3000' },
      { origin: 'https://console.test:3000', host: 'console.test:3000' },
      { origin: 'http://console.test:3001', host: 'console.test:3000' },
      { origin: 'null', host: 'console.test:3000' },
      { 'sec-fetch-site': 'cross-site', host: 'console.test:3000' },
      { host: 'console.test:3000' },
    ];
    for (const h of bad) for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) expect(() => assertSameOrigin(req(m, h)), JSON.stringify(h)).toThrow(ForbiddenError);
  });
});

describe('request facts', () => {
  it('takes the client address from the first X-Forwarded-For entry', () => {
    expect(remoteAddrOf(req('GET', { 'x-forwarded-for': '::ffff:10.0.0.7, 127.0.0.1' }))).toBe('10.0.0.7');
    expect(remoteAddrOf(req('GET', {}))).toBe('unknown');
  });

  it('knows HTTPS from the URL or X-Forwarded-Proto', () => {
    expect(isHttps(req('GET', {}, 'https://a.test/x'))).toBe(true);
    expect(isHttps(req('GET', { 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttps(req('GET', { 'x-forwarded-proto': 'http' }, 'https://a.test/x'))).toBe(false);
    expect(requestOrigin(req('GET', { host: 'Console.Test:3000' }))).toBe('http://console.test:3000');
  });
});

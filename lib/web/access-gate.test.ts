import { describe, expect, it } from 'vitest';
import { gateDecision, safeNextPath, signInLocation } from './access-gate';

const TOKEN = 'a'.repeat(43);

describe('proxy gate', () => {
  it('lets public paths and well-formed session cookies through', () => {
    for (const p of ['/login', '/api/auth/login', '/api/health']) expect(gateDecision(p, '', undefined).kind).toBe('pass');
    expect(gateDecision('/replicas', '', TOKEN).kind).toBe('pass');
  });

  it('answers 401 for the API and redirects pages, keeping where the administrator was going', () => {
    expect(gateDecision('/api/accounts', '', undefined)).toEqual({ kind: 'unauthorized' });
    expect(gateDecision('/api/auth/logout', '', 'garbage')).toEqual({ kind: 'unauthorized' });
    expect(gateDecision('/replicas', '?q=john', undefined)).toEqual({ kind: 'redirect', location: '/login?next=%2Freplicas%3Fq%3Djohn' });
    expect(gateDecision('/', '', undefined)).toEqual({ kind: 'redirect', location: '/login' });
    expect(gateDecision('/login-not-really', '', undefined).kind).toBe('redirect');
  });

  it('never redirects off-site after sign-in', () => {
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, '/login?next=/x', '/api/accounts', '/a\r\nSet-Cookie: x']) {
      expect(safeNextPath(bad)).toBe('/');
    }
    expect(safeNextPath('/replicas?sort=lagSeconds')).toBe('/replicas?sort=lagSeconds');
    expect(signInLocation('//evil.example')).toBe('/login');
  });
});

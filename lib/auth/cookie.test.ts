import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookie';

describe('session cookie', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const expires = new Date('2026-01-01T08:00:00Z');

  it('is HttpOnly, SameSite=Strict, path-wide, with an expiry', () => {
    const c = sessionCookie('tok', expires, false, now);
    const attrs = c.split('; ');
    expect(attrs[0]).toBe(`${SESSION_COOKIE}=tok`);
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=28800', `Expires=${expires.toUTCString()}`]));
    expect(attrs).not.toContain('Secure');
  });

  it('is Secure when served over HTTPS', () => {
    expect(sessionCookie('tok', expires, true, now).split('; ')).toContain('Secure');
    expect(clearedSessionCookie(true).split('; ')).toContain('Secure');
  });

  it('is cleared with an empty value and Max-Age=0', () => {
    const c = clearedSessionCookie(false);
    expect(c.startsWith(`${SESSION_COOKIE}=;`)).toBe(true);
    expect(c).toContain('Max-Age=0');
  });

  it('reads the session cookie among others and ignores look-alikes', () => {
    expect(readCookie(`a=1; ${SESSION_COOKIE}=abc; b=2`)).toBe('abc');
    expect(readCookie(`x${SESSION_COOKIE}=evil; b=2`)).toBeUndefined();
    expect(readCookie(undefined)).toBeUndefined();
    expect(readCookie('garbage')).toBeUndefined();
    expect(readCookie(`${SESSION_COOKIE}=%E0%A4%A`)).toBeUndefined();
  });
});

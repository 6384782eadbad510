import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

const cheap = { log2N: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('correct horse battery', cheap);
    expect(h).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password', cheap), hashPassword('same-password', cheap)]);
    expect(a).not.toBe(b);
  });

  it('uses the default memory-hard cost (N = 2^15) when none is given', async () => {
    const h = await hashPassword('default-cost');
    expect(h.split('$').slice(0, 4)).toEqual(['scrypt', '15', '8', '1']);
    expect(await verifyPassword('default-cost', h)).toBe(true);
  });

  it('treats unicode forms alike (NFKC) and keeps non-ASCII passwords working', async () => {
    const h = await hashPassword('pa\u0301ssw\u00f6rd', cheap);
    expect(await verifyPassword('p\u00e1ssw\u00f6rd', h)).toBe(true);
  });

  it('answers false, without throwing, for malformed or hostile stored hashes', async () => {
    for (const bad of ['', 'plain', 'scrypt$10$8$1$abc', 'bcrypt$10$8$1$AAAA$BBBB', 'scrypt$40$8$1$AAAA$BBBB', 'scrypt$x$8$1$AAAA$BBBB', 'scrypt$10$8$1$AAAA$short']) {
      expect(await verifyPassword('anything', bad)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { dedupeAccounts, parseInputFile } from './input-file';

describe('parseInputFile', () => {
  it('reads one account per line, ignoring blank lines and surrounding spaces, with CRLF or LF', () => {
    expect(parseInputFile('john.doe@example.com\r\n\r\n  jane.doe@example.com  \n\t\nbob@x.io\r\n')).toEqual({
      accounts: ['john.doe@example.com', 'jane.doe@example.com', 'bob@x.io'],
      duplicates: [],
    });
  });

  it('reports each duplicate once, comparing without case, and keeps the first spelling', () => {
    const r = parseInputFile('a@x.io\nb@x.io\nA@X.io\na@x.io\nb@x.io\n');
    expect(r.accounts).toEqual(['a@x.io', 'b@x.io']);
    expect(r.duplicates).toEqual(['A@X.io', 'b@x.io']);
  });

  it('ignores a byte-order mark and gives nothing for an empty file', () => {
    expect(parseInputFile('\uFEFFa@x.io')).toEqual({ accounts: ['a@x.io'], duplicates: [] });
    expect(parseInputFile('\r\n \n')).toEqual({ accounts: [], duplicates: [] });
  });

  it('handles 10,000 lines', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `user${i}@big.example.com`).join('\r\n');
    const r = parseInputFile(text);
    expect(r.accounts).toHaveLength(10_000);
    expect(r.accounts[9999]).toBe('user9999@big.example.com');
  });

  it('dedupeAccounts treats a comma list the same way', () => {
    expect(dedupeAccounts([' a@x.io', 'a@x.io ', ''])).toEqual({ accounts: ['a@x.io'], duplicates: ['a@x.io'] });
  });
});

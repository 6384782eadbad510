import { describe, expect, it } from 'vitest';
import { parseAccountList, problemsByAccount } from './account-list';

describe('account lists from paste or file', () => {
  it('takes one per line or comma-separated, drops blanks and comments, keeps the first of duplicates', () => {
    expect(parseAccountList('a@x.com\r\n b@x.com ,c@x.com\n\n# a comment\nd@x.com # trailing\na@x.com')).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com']);
    expect(parseAccountList('   \n\n')).toEqual([]);
  });

  it('maps the core problems to the accounts they concern, by name or by index', () => {
    const m = problemsByAccount([
      { field: 'b@x.com', message: 'no such account' },
      { field: 'accounts.0', message: 'distribution lists are refused' },
      { field: 'destination', message: 'unknown mailstore' },
    ], ['a@x.com', 'b@x.com']);
    expect(Object.fromEntries(m)).toEqual({ 'a@x.com': ['distribution lists are refused'], 'b@x.com': ['no such account'] });
  });
});

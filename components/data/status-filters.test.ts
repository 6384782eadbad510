import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_FILTERS, parseStatusFilters, statusFiltersQuery } from './status-filters';

describe('status filters in the URL', () => {
  it('round-trips through the query string and leaves defaults out', () => {
    const f = { ...DEFAULT_STATUS_FILTERS, q: 'john', mailHost: 'mbox1.example.com', sort: 'lagSeconds' as const, order: 'desc' as const, page: 3 };
    const qs = statusFiltersQuery(f);
    expect(qs).toBe('q=john&mailHost=mbox1.example.com&sort=lagSeconds&order=desc&page=3');
    expect(parseStatusFilters(new URLSearchParams(qs))).toEqual(f);
    expect(statusFiltersQuery(DEFAULT_STATUS_FILTERS)).toBe('');
  });

  it('falls back to defaults for hostile or malformed values', () => {
    const f = parseStatusFilters(new URLSearchParams('sort=DROP%20TABLE&order=sideways&page=-4&pageSize=99999&replicaStatus=maybe&q=' + 'x'.repeat(1000)));
    expect(f).toMatchObject({ sort: 'accountName', order: 'asc', page: 1, pageSize: 50, replicaStatus: '' });
    expect(f.q).toHaveLength(320);
  });
});

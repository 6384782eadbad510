import { describe, expect, it } from 'vitest';
import { GetAccountStatusInput } from '../schemas/commands';
import { countSql, filterParts, orderBy, pageSql } from './get-account-status-sql';

const q = (input: object) => GetAccountStatusInput.parse(input);

describe('getAccountStatus SQL', () => {
  it('splits account and replica conditions, escaping LIKE wildcards in the text', () => {
    const p = filterParts(q({ mailHost: 'm1.x.io', replicaServer: 'm2.x.io', replicaStatus: 'available', q: '50%_off' }), [3], ['m2.x.io']);
    expect(p.account).toEqual(['a.mailHost = ?', 'a.domainId IN (?)', 'a.name LIKE ?']);
    expect(p.accountParams).toEqual(['m1.x.io', [3], '%50\\%\\_off%']);
    expect(p.replica).toEqual(['r.destination = ?', "(r.state = 'active' AND r.destination IN (?))"]);
    expect(p.replicaParams).toEqual(['m2.x.io', ['m2.x.io']]);
  });

  it('never passes an empty IN list', () => {
    const p = filterParts(q({ replicaStatus: 'unavailable' }), [], []);
    expect(p.replicaParams).toEqual([['']]);
    expect(p.accountParams).toEqual([[-1]]);
  });

  it('counts from the cheapest source', () => {
    expect(countSql(filterParts(q({}), null, [])).sql).toBe('SELECT COUNT(*) AS total FROM account_status');
    expect(countSql(filterParts(q({ replicaState: 'failed' }), null, [])).sql).toMatch(/^SELECT COUNT\(DISTINCT r.accountId\) AS total FROM replica r WHERE r.state = \?$/);
    expect(countSql(filterParts(q({ mailHost: 'm1.x.io' }), null, [])).sql).toMatch(/STRAIGHT_JOIN account_status s/);
  });

  it('sorts on indexes with a unique last key, driving from account_status for status sorts', () => {
    expect(orderBy({ sort: 'accountName', order: 'asc' })).toBe('a.name ASC');
    expect(orderBy({ sort: 'lagEvents', order: 'desc' })).toBe('s.maxLagEvents DESC, s.accountId DESC');
    expect(pageSql(q({ sort: 'lagSeconds' }), filterParts(q({}), null, []), { offset: 0, limit: 50 }).sql).toMatch(/FROM account_status s STRAIGHT_JOIN account a/);
    const page = pageSql(q({ replicaServer: 'm2.x.io' }), filterParts(q({ replicaServer: 'm2.x.io' }), null, []), { offset: 100, limit: 50, afterName: 'b@x.io' });
    expect(page.sql).toMatch(/semijoin=off/);
    expect(page.sql).toMatch(/EXISTS \(SELECT 1 FROM replica r WHERE r.accountId = a.id AND r.destination = \?\) AND a.name > \?/);
    expect(page.params).toEqual(['m2.x.io', 'b@x.io', 50, 100]);
  });
});

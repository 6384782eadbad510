import { describe, expect, it } from 'vitest';
import { GetAccountStatusInput } from '../schemas/commands';
import { countSql, filterParts, orderBy, pageIdsSql } from './get-account-status-sql';

const q = (input: object) => GetAccountStatusInput.parse(input);
const NONE = { alive: [], down: [] };

describe('getAccountStatus SQL', () => {
  it('splits account and replica conditions, escaping LIKE wildcards in the text', () => {
    const p = filterParts(q({ mailHost: 'm1.x.io', replicaServer: 'm2.x.io', replicaStatus: 'available', q: '50%_off' }), [3], { alive: ['m2.x.io'], down: ['m3.x.io'] });
    expect(p.account).toEqual(['s.mailHost = ?', 's.domainId IN (?)', 's.accountName LIKE ?']);
    expect(p.accountParams).toEqual(['m1.x.io', [3], '%50\\%\\_off%']);
    expect(p.replica).toEqual(['r.destination = ?', "(r.state = 'active' AND r.destination IN (?))"]);
    expect(p.replicaParams).toEqual(['m2.x.io', ['m2.x.io']]);
  });

  it('never passes an empty IN list', () => {
    const p = filterParts(q({ replicaStatus: 'unavailable' }), [], { alive: ['m1.x.io'], down: [] });
    expect(p.replica).toEqual(["(r.state <> 'active' OR r.destination IN (?))"]);
    expect(p.replicaParams).toEqual([['']]);
    expect(p.accountParams).toEqual([[-1]]);
  });

  it('counts and pages on account_status alone, with the replica conditions on one replica', () => {
    expect(countSql(filterParts(q({}), null, NONE)).sql).toBe('SELECT COUNT(*) AS total FROM account_status s');
    const both = filterParts(q({ mailHost: 'm1.x.io', replicaState: 'failed' }), null, NONE);
    expect(countSql(both)).toEqual({
      sql: 'SELECT COUNT(*) AS total FROM account_status s WHERE s.mailHost = ? AND EXISTS (SELECT 1 FROM replica r WHERE r.accountId = s.accountId AND r.state = ?)',
      params: ['m1.x.io', 'failed'],
    });
    const page = pageIdsSql(q({ replicaServer: 'm2.x.io' }), filterParts(q({ replicaServer: 'm2.x.io' }), null, NONE), { offset: 100, limit: 50, afterName: 'b@x.io' });
    expect(page.sql).toMatch(/^SET STATEMENT optimizer_switch='semijoin=off' FOR SELECT s.accountId FROM account_status s WHERE EXISTS/);
    expect(page.sql).toMatch(/AND s.accountName > \? ORDER BY s.accountName ASC LIMIT \? OFFSET \?$/);
    expect(page.params).toEqual(['m2.x.io', 'b@x.io', 50, 100]);
  });

  it('counts replica filters alone from the replica table: rows when one destination is named, else accounts grouped in the covering index', () => {
    expect(countSql(filterParts(q({ replicaServer: 'm2.x.io', replicaState: 'active' }), null, NONE))).toEqual({
      sql: 'SELECT COUNT(*) AS total FROM replica r WHERE r.destination = ? AND r.state = ?', params: ['m2.x.io', 'active'],
    });
    expect(countSql(filterParts(q({ replicaState: 'active' }), null, NONE)).sql).toBe(
      'SELECT COUNT(*) AS total FROM (SELECT r.accountId FROM replica r FORCE INDEX (replica_accountId_destination_state_idx) WHERE r.state = ? GROUP BY r.accountId) matched');
  });

  it('counts a mailHost beside a named destination from the replica rows\' source host copy', () => {
    expect(countSql(filterParts(q({ mailHost: 'm1.x.io', replicaServer: 'm2.x.io' }), null, NONE))).toEqual({
      sql: 'SELECT COUNT(*) AS total FROM replica r WHERE r.destination = ? AND r.sourceHost = ?', params: ['m2.x.io', 'm1.x.io'],
    });
    // Another account condition beside it: account_status decides.
    expect(countSql(filterParts(q({ mailHost: 'm1.x.io', replicaServer: 'm2.x.io', q: 'ann' }), null, NONE)).sql).toMatch(/FROM account_status s WHERE s.mailHost = \?/);
  });

  it('sorts on indexes with a unique last key', () => {
    expect(orderBy({ sort: 'accountName', order: 'asc' })).toBe('s.accountName ASC');
    expect(orderBy({ sort: 'lagEvents', order: 'desc' })).toBe('s.maxLagEvents DESC, s.accountId DESC');
    expect(orderBy({ sort: 'accountMailHost', order: 'asc' })).toBe('s.mailHost ASC, s.accountName ASC');
    expect(orderBy({ sort: 'priority', order: 'asc' })).toBe('(SELECT MIN(r2.priority) FROM replica r2 WHERE r2.accountId = s.accountId) ASC, s.accountName ASC');
  });
});

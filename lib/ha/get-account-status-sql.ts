import type { GetAccountStatusQuery } from '../schemas/commands';

/** How fresh a heartbeat must be for its node (and agent) to count as alive. */
export const ALIVE_SECONDS = 10;

export interface Sql {
  sql: string;
  params: unknown[];
}

const SEVERITY = "FIELD(r2.state, 'active', 'paused', 'initializing', 'removing', 'failed')";

/** Sorts answered from account_status's indexes (every replicated account has a row there). */
const STATUS_SORTS: Partial<Record<GetAccountStatusQuery['sort'], string>> = {
  lagEvents: 's.maxLagEvents',
  lagSeconds: 's.maxLagSeconds',
  sequence: 's.sequence',
  itemId: 's.itemId',
  updatedAt: 's.updatedAt',
};

/** ORDER BY with a unique last key (stable pages); each leading key matches an index where it matters. */
export function orderBy(q: Pick<GetAccountStatusQuery, 'sort' | 'order'>): string {
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const status = STATUS_SORTS[q.sort];
  if (status) return `${status} ${dir}, s.accountId ${dir}`;
  switch (q.sort) {
    case 'accountMailHost': return `a.mailHost ${dir}, a.name ${dir}`;
    case 'destination': return `(SELECT MIN(r2.destination) FROM replica r2 WHERE r2.accountId = a.id) ${dir}, a.name ${dir}`;
    case 'priority': return `(SELECT MIN(r2.priority) FROM replica r2 WHERE r2.accountId = a.id) ${dir}, a.name ${dir}`;
    case 'state': return `(SELECT MAX(${SEVERITY}) FROM replica r2 WHERE r2.accountId = a.id) ${dir}, a.name ${dir}`;
    default: return `a.name ${dir}`;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface Parts {
  account: string[];
  accountParams: unknown[];
  replica: string[];
  replicaParams: unknown[];
}

/**
 * The filters, split in account conditions (on `a`) and replica conditions (on `r`, which must
 * hold on one and the same replica). `aliveAgents` are the destinations whose agent reports a
 * fresh heartbeat; `domainIds` null means every domain.
 */
export function filterParts(q: GetAccountStatusQuery, domainIds: number[] | null, aliveAgents: string[]): Parts {
  const p: Parts = { account: [], accountParams: [], replica: [], replicaParams: [] };
  if (q.replicaServer) {
    p.replica.push('r.destination = ?');
    p.replicaParams.push(q.replicaServer);
  }
  if (q.replicaState) {
    p.replica.push('r.state = ?');
    p.replicaParams.push(q.replicaState);
  }
  if (q.replicaStatus) {
    p.replica.push(q.replicaStatus === 'available' ? "(r.state = 'active' AND r.destination IN (?))" : "(r.state <> 'active' OR r.destination NOT IN (?))");
    p.replicaParams.push(aliveAgents.length ? aliveAgents : ['']);
  }
  if (q.mailHost) {
    p.account.push('a.mailHost = ?');
    p.accountParams.push(q.mailHost);
  }
  if (q.accounts?.length) {
    p.account.push('a.name IN (?)');
    p.accountParams.push(q.accounts);
  }
  if (domainIds) {
    p.account.push('a.domainId IN (?)');
    p.accountParams.push(domainIds.length ? domainIds : [-1]);
  }
  if (q.accountStatus) {
    p.account.push('a.haPaused = ?');
    p.accountParams.push(q.accountStatus === 'paused' ? 1 : 0);
  }
  if (q.q) {
    p.account.push('a.name LIKE ?');
    p.accountParams.push(`%${escapeLike(q.q)}%`);
  }
  return p;
}

function exists(p: Parts): string {
  return `EXISTS (SELECT 1 FROM replica r WHERE ${['r.accountId = a.id', ...p.replica].join(' AND ')})`;
}

/**
 * The page: the sort decides the driving table so the ORDER BY follows an index and stops after
 * the page. Every replicated account has an account_status row (setAccountDestination creates it,
 * the last replica's removal deletes it), so without replica filters an inner join replaces the
 * EXISTS; with them the EXISTS is evaluated per row (semijoin off) rather than turned into a join
 * that would sort every account first. Account conditions come first: they are the cheap ones.
 */
export function pageSql(q: GetAccountStatusQuery, p: Parts, page: { offset: number; limit: number; afterName?: string }): Sql {
  const byStatus = Boolean(STATUS_SORTS[q.sort]);
  const from = byStatus ? 'account_status s STRAIGHT_JOIN account a ON a.id = s.accountId' : 'account a JOIN account_status s ON s.accountId = a.id';
  const where = [...p.account, ...(p.replica.length ? [exists(p)] : [])];
  const params = [...p.accountParams, ...(p.replica.length ? p.replicaParams : [])];
  if (page.afterName !== undefined) {
    where.push('a.name > ?');
    params.push(page.afterName);
  }
  return {
    sql: `SET STATEMENT optimizer_switch='semijoin=off' FOR
      SELECT a.id, a.name, a.mailHost, a.haPaused, s.mailboxId, s.sequence, s.itemId, s.updatedAt
        FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy(q)} LIMIT ? OFFSET ?`,
    params: [...params, page.limit, page.offset],
  };
}

/** The total: the status rows when nothing is filtered, the replica index for replica filters alone, else per account. */
export function countSql(p: Parts): Sql {
  if (p.account.length === 0 && p.replica.length === 0) return { sql: 'SELECT COUNT(*) AS total FROM account_status', params: [] };
  if (p.account.length === 0) {
    return { sql: `SELECT COUNT(DISTINCT r.accountId) AS total FROM replica r WHERE ${p.replica.join(' AND ')}`, params: p.replicaParams };
  }
  const where = [...p.account, ...(p.replica.length ? [exists(p)] : [])];
  return {
    sql: `SELECT COUNT(*) AS total FROM account a${p.replica.length ? '' : ' STRAIGHT_JOIN account_status s ON s.accountId = a.id'} WHERE ${where.join(' AND ')}`,
    params: [...p.accountParams, ...(p.replica.length ? p.replicaParams : [])],
  };
}

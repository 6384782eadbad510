import type { GetAccountStatusQuery } from '../schemas/commands';

/** How fresh a heartbeat must be for its node (and agent) to count as alive. */
export const ALIVE_SECONDS = 10;

export interface StatusFilterSql {
  where: string;
  params: unknown[];
}

const SEVERITY = "FIELD(r2.state, 'active', 'paused', 'initializing', 'removing', 'failed')";

/** ORDER BY of each sort key; account-level keys use indexes, replica-level keys aggregate the account's replicas. */
export function orderBy(q: Pick<GetAccountStatusQuery, 'sort' | 'order'>): string {
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const key: Record<GetAccountStatusQuery['sort'], string> = {
    accountName: 'a.name',
    accountMailHost: 'a.mailHost',
    sequence: 's.sequence',
    itemId: 's.itemId',
    updatedAt: 's.updatedAt',
    destination: '(SELECT MIN(r2.destination) FROM replica r2 WHERE r2.accountId = a.id)',
    priority: '(SELECT MIN(r2.priority) FROM replica r2 WHERE r2.accountId = a.id)',
    state: `(SELECT MAX(${SEVERITY}) FROM replica r2 WHERE r2.accountId = a.id)`,
    lagEvents: '(SELECT MAX(rs2.lagEvents) FROM replica_status rs2 WHERE rs2.accountId = a.id)',
    lagSeconds: '(SELECT MAX(rs2.lagSeconds) FROM replica_status rs2 WHERE rs2.accountId = a.id)',
  };
  return q.sort === 'accountName' ? `a.name ${dir}, a.id ${dir}` : `${key[q.sort]} ${dir}, a.name ${dir}, a.id ${dir}`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE clause over `account a` for getAccountStatus: only accounts with a replica; account
 * filters on `a`; replica filters (replicaServer, replicaStatus, replicaState) must hold on one
 * and the same replica. `aliveAgents` are the destinations whose agent reports a fresh heartbeat.
 */
export function statusFilter(q: GetAccountStatusQuery, domainIds: number[] | null, aliveAgents: string[]): StatusFilterSql {
  const where: string[] = [];
  const params: unknown[] = [];
  const replicaConds: string[] = ['r.accountId = a.id'];
  if (q.replicaServer) {
    replicaConds.push('r.destination = ?');
    params.push(q.replicaServer);
  }
  if (q.replicaState) {
    replicaConds.push('r.state = ?');
    params.push(q.replicaState);
  }
  if (q.replicaStatus) {
    const alive = aliveAgents.length ? aliveAgents : [''];
    replicaConds.push(q.replicaStatus === 'available' ? "(r.state = 'active' AND r.destination IN (?))" : "(r.state <> 'active' OR r.destination NOT IN (?))");
    params.push(alive);
  }
  where.push(`EXISTS (SELECT 1 FROM replica r WHERE ${replicaConds.join(' AND ')})`);
  if (q.mailHost) {
    where.push('a.mailHost = ?');
    params.push(q.mailHost);
  }
  if (q.accounts?.length) {
    where.push('a.name IN (?)');
    params.push(q.accounts);
  }
  if (domainIds) {
    where.push('a.domainId IN (?)');
    params.push(domainIds.length ? domainIds : [-1]);
  }
  if (q.accountStatus) {
    where.push('a.haPaused = ?');
    params.push(q.accountStatus === 'paused' ? 1 : 0);
  }
  if (q.q) {
    where.push('a.name LIKE ?');
    params.push(`%${escapeLike(q.q)}%`);
  }
  return { where: where.join(' AND '), params };
}

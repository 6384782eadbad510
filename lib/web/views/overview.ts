import type { HaContext } from '../../ha/context';
import { ALIVE_SECONDS } from '../../ha/get-account-status-sql';
import { domainClause } from './scope';

export type ReplicaHealth = 'active' | 'initializing' | 'paused' | 'failed' | 'unavailable' | 'removing';

export interface OverviewView {
  accounts: number;
  protectedAccounts: number;
  replicas: Record<ReplicaHealth, number>;
  /** Active replicas by lag (seconds behind the source). */
  lag: { label: string; value: number }[];
  readAt: string;
}

/** Lag buckets of active replicas: label and SQL condition on replica_status (alias rs). */
export const LAG_BUCKETS = [
  { label: 'in sync', sql: 'rs.lagEvents = 0' },
  { label: '< 1 s', sql: 'rs.lagEvents > 0 AND rs.lagSeconds < 1' },
  { label: '1–5 s', sql: 'rs.lagEvents > 0 AND rs.lagSeconds >= 1 AND rs.lagSeconds < 5' },
  { label: '5–30 s', sql: 'rs.lagEvents > 0 AND rs.lagSeconds >= 5 AND rs.lagSeconds < 30' },
  { label: '30 s–5 min', sql: 'rs.lagEvents > 0 AND rs.lagSeconds >= 30 AND rs.lagSeconds < 300' },
  { label: '> 5 min', sql: 'rs.lagEvents > 0 AND rs.lagSeconds >= 300' },
  { label: 'not reported', sql: 'rs.replicaId IS NULL' },
] as const;

/**
 * Counts for the overview, in three aggregate queries whatever the number of accounts. An
 * active replica whose destination's agent is not alive (no fresh heartbeat) counts as
 * unavailable, as getAccountStatus reports it.
 */
export async function getOverview(ctx: HaContext): Promise<OverviewView> {
  const scope = domainClause(ctx.actor);
  const fresh = new Date(Date.now() - ALIVE_SECONDS * 1000);
  const [[acc], states, [lag]] = await Promise.all([
    ctx.db.query(
      `SELECT COUNT(*) AS accounts, (SELECT COUNT(DISTINCT r.accountId) FROM replica r JOIN account a ON a.id = r.accountId WHERE 1 = 1${scope.sql}) AS protectedAccounts
       FROM account a WHERE a.kind = 'account'${scope.sql}`, [...scope.params, ...scope.params]),
    ctx.db.query(
      `SELECT r.state, (ms.agentAlive = 1 AND ms.heartbeatAt > ?) AS agentUp, COUNT(*) AS n
       FROM replica r JOIN account a ON a.id = r.accountId LEFT JOIN mailstore_server ms ON ms.host = r.destination
       WHERE 1 = 1${scope.sql} GROUP BY r.state, agentUp`, [fresh, ...scope.params]),
    ctx.db.query(
      `SELECT ${LAG_BUCKETS.map((b, i) => `SUM(CASE WHEN ${b.sql} THEN 1 ELSE 0 END) AS b${i}`).join(', ')}
       FROM replica r JOIN account a ON a.id = r.accountId LEFT JOIN replica_status rs ON rs.replicaId = r.id
       WHERE r.state = 'active'${scope.sql}`, scope.params),
  ]);
  const replicas: Record<ReplicaHealth, number> = { active: 0, initializing: 0, paused: 0, failed: 0, unavailable: 0, removing: 0 };
  for (const row of states as { state: ReplicaHealth; agentUp: number | null; n: number }[]) {
    const key: ReplicaHealth = row.state === 'active' && !row.agentUp ? 'unavailable' : row.state;
    replicas[key] += Number(row.n);
  }
  return {
    accounts: Number(acc.accounts),
    protectedAccounts: Number(acc.protectedAccounts),
    replicas,
    lag: LAG_BUCKETS.map((b, i) => ({ label: b.label, value: Number(lag?.[`b${i}`] ?? 0) })),
    readAt: new Date().toISOString(),
  };
}

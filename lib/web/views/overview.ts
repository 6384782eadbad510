import type { HaContext } from '../../ha/context';
import { ALIVE_SECONDS } from '../../ha/get-account-status-sql';
import { visibleDomains } from './scope';

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
 * Counts for the overview in four aggregate queries over `replica` (joined to `account` only
 * to scope a domain administrator), whatever the number of accounts. An active replica whose
 * destination's agent has no fresh heartbeat counts as unavailable, as getAccountStatus says.
 */
export async function getOverview(ctx: HaContext): Promise<OverviewView> {
  const domains = visibleDomains(ctx.actor);
  const scoped = domains !== null;
  // A domain administrator's replicas: through its accounts (index on account.domainId).
  const scope = scoped ? ' AND a.domainId IN (SELECT id FROM domain WHERE name IN (?))' : '';
  const scopeParams = scoped ? [domains.length ? domains : ['']] : [];
  const replicas = scoped ? 'account a JOIN replica r ON r.accountId = a.id' : 'replica r';
  const fresh = new Date(Date.now() - ALIVE_SECONDS * 1000);
  const [alive, [acc], [prot], states, [lag]] = await Promise.all([
    ctx.db.query('SELECT host FROM mailstore_server WHERE agentAlive = 1 AND heartbeatAt > ?', [fresh]) as Promise<{ host: string }[]>,
    ctx.db.query(`SELECT COUNT(*) AS n FROM account a WHERE a.kind = 'account'${scope}`, scopeParams),
    ctx.db.query(`SELECT COUNT(DISTINCT r.accountId) AS n FROM ${replicas} WHERE 1 = 1${scope}`, scopeParams),
    ctx.db.query(`SELECT r.state, r.destination, COUNT(*) AS n FROM ${replicas} WHERE 1 = 1${scope} GROUP BY r.state, r.destination`, scopeParams) as Promise<{ state: ReplicaHealth; destination: string; n: number }[]>,
    ctx.db.query(
      `SELECT ${LAG_BUCKETS.map((b, i) => `SUM(CASE WHEN ${b.sql} THEN 1 ELSE 0 END) AS b${i}`).join(', ')}
         FROM ${replicas} LEFT JOIN replica_status rs ON rs.replicaId = r.id
        WHERE r.state = 'active'${scope}`, scopeParams),
  ]);
  const agents = new Set(alive.map((r) => r.host));
  const counts: Record<ReplicaHealth, number> = { active: 0, initializing: 0, paused: 0, failed: 0, unavailable: 0, removing: 0 };
  for (const row of states) counts[row.state === 'active' && !agents.has(row.destination) ? 'unavailable' : row.state] += Number(row.n);
  return {
    accounts: Number(acc.n),
    protectedAccounts: Number(prot.n),
    replicas: counts,
    lag: LAG_BUCKETS.map((b, i) => ({ label: b.label, value: Number(lag?.[`b${i}`] ?? 0) })),
    readAt: new Date().toISOString(),
  };
}

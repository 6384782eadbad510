import type { Pool } from '../../db/pool';
import type { AccountCandidate, ReplicaCandidate } from './plan';

/** A destination's agent counts as alive while its node's heartbeat is this fresh. */
export const AGENT_ALIVE_SECONDS = 5;

/** Everything planPromotion needs about these accounts, read from the HA database in bulk. */
export async function loadCandidates(db: Pool, accountIds: string[]): Promise<Map<string, AccountCandidate>> {
  const out = new Map<string, AccountCandidate>();
  if (accountIds.length === 0) return out;
  const alive: { host: string }[] = await db.query(
    `SELECT host FROM mailstore_server WHERE agentAlive = 1 AND heartbeatAt > NOW(3) - INTERVAL ${AGENT_ALIVE_SECONDS} SECOND`);
  const aliveHosts = new Set(alive.map((r) => r.host));
  for (let i = 0; i < accountIds.length; i += 2000) {
    const ids = accountIds.slice(i, i + 2000);
    const accounts: { id: string; name: string; mailHost: string; kind: AccountCandidate['kind']; promotingTo: string | null }[] = await db.query(
      'SELECT id, name, mailHost, kind, promotingTo FROM account WHERE id IN (?)', [ids]);
    for (const a of accounts) out.set(a.id, { accountId: a.id, accountName: a.name, mailHost: a.mailHost, kind: a.kind, promotingTo: a.promotingTo, replicas: [] });
    const replicas: (Omit<ReplicaCandidate, 'agentAlive'> & { accountId: string })[] = await db.query(
      `SELECT r.accountId, r.destination, r.priority, r.state, s.lagEvents, s.lagSeconds, COALESCE(s.lastError, r.lastError) AS lastError
         FROM replica r LEFT JOIN replica_status s ON s.replicaId = r.id WHERE r.accountId IN (?)`, [ids]);
    for (const r of replicas) {
      out.get(r.accountId)?.replicas.push({
        destination: r.destination, priority: r.priority, state: r.state, agentAlive: aliveHosts.has(r.destination),
        lagEvents: r.lagEvents ?? null, lagSeconds: r.lagSeconds ?? null, lastError: r.lastError ?? null,
      });
    }
  }
  return out;
}

// Test-only: builds status fixtures straight in the HA database (accounts, replicas, materialized
// status, servers with fresh or stale heartbeats), as the nodes would have written them.
import { randomUUID } from 'node:crypto';
import type { Pool } from '../db/pool';
import type { ReplicaState } from '../schemas/views';

export interface FixtureReplica {
  destination: string;
  priority: number;
  state: ReplicaState;
  sequence?: number;
  itemId?: number;
  mailboxId?: number;
  lagEvents?: number;
  lagSeconds?: number;
  lastError?: string | null;
  canConnectToKafka?: boolean;
}

export interface FixtureAccount {
  name: string;
  mailHost: string;
  paused?: boolean;
  kind?: 'account' | 'distribution_list';
  status?: { mailboxId: number; sequence: number; itemId: number };
  replicas: FixtureReplica[];
}

export async function addServers(db: Pool, servers: { host: string; alive: boolean; agentAlive?: boolean }[]) {
  for (const s of servers) {
    await db.query(
      `INSERT INTO mailstore_server (host, apiUrl, heartbeatAt, agentAlive, kafkaReachable, moduleRunning) VALUES (?, ?, ${s.alive ? 'NOW(3)' : 'NOW(3) - INTERVAL 1 HOUR'}, ?, 1, 1)`,
      [s.host, `http://127.0.0.1:1/${s.host}`, s.agentAlive ?? true ? 1 : 0]);
  }
}

/** Keeps the given servers' heartbeats fresh (the fixture has no running node). */
export async function refreshHeartbeats(db: Pool, hosts: string[]) {
  await db.query('UPDATE mailstore_server SET heartbeatAt = NOW(3) WHERE host IN (?)', [hosts]);
}

/** Inserts accounts with their replicas and status rows, in batches (fast enough for 100,000). */
export async function addAccounts(db: Pool, accounts: FixtureAccount[]): Promise<Map<string, string>> {
  const domains = new Map<string, number>();
  for (const d of new Set(accounts.map((a) => a.name.split('@')[1]))) {
    await db.query('INSERT IGNORE INTO domain (name) VALUES (?)', [d]);
    const [row] = await db.query('SELECT id FROM domain WHERE name = ?', [d]);
    domains.set(d, row.id);
  }
  const ids = new Map<string, string>();
  for (let i = 0; i < accounts.length; i += 5000) {
    const chunk = accounts.slice(i, i + 5000);
    const acc: unknown[][] = [];
    const status: unknown[][] = [];
    for (const a of chunk) {
      const id = randomUUID();
      ids.set(a.name, id);
      acc.push([id, a.name, domains.get(a.name.split('@')[1]), a.mailHost, a.kind ?? 'account', a.paused ? 1 : 0]);
      const maxLag = (k: 'lagEvents' | 'lagSeconds') => Math.max(0, ...a.replicas.map((r) => r[k] ?? 0));
      if (a.status) {
        status.push([id, a.mailHost, a.status.mailboxId, a.status.sequence, a.status.itemId, maxLag('lagEvents'), maxLag('lagSeconds'),
          a.name, domains.get(a.name.split('@')[1]), a.paused ? 1 : 0]);
      }
    }
    await db.batch('INSERT INTO account (id, name, domainId, mailHost, kind, haPaused) VALUES (?, ?, ?, ?, ?, ?)', acc);
    if (status.length) {
      await db.batch(`INSERT INTO account_status (accountId, mailHost, mailboxId, sequence, itemId, maxLagEvents, maxLagSeconds, accountName, domainId, paused, updatedAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))`, status);
    }
    const reps = chunk.flatMap((a) => a.replicas.map((r) => ({ accountId: ids.get(a.name)!, sourceHost: a.mailHost, r })));
    if (reps.length === 0) continue;
    const [{ next }] = await db.query('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM replica');
    const idOf = new Map(reps.map(({ accountId, r }, k) => [`${accountId}/${r.destination}`, Number(next) + k]));
    await db.batch('INSERT INTO replica (id, accountId, destination, sourceHost, priority, state) VALUES (?, ?, ?, ?, ?, ?)',
      reps.map(({ accountId, sourceHost, r }) => [idOf.get(`${accountId}/${r.destination}`), accountId, r.destination, sourceHost, r.priority, r.state]));
    const withStatus = reps.filter(({ r }) => r.sequence !== undefined);
    if (withStatus.length) {
      await db.batch(
        `INSERT INTO replica_status (replicaId, accountId, destination, mailboxId, sequence, itemId, lagEvents, lagSeconds, canConnectToKafka, lastError, updatedAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))`,
        withStatus.map(({ accountId, r }) => [idOf.get(`${accountId}/${r.destination}`), accountId, r.destination, r.mailboxId ?? 1, r.sequence, r.itemId ?? 0,
          r.lagEvents ?? 0, r.lagSeconds ?? 0, r.canConnectToKafka ?? true ? 1 : 0, r.lastError ?? null]));
    }
  }
  return ids;
}

import type { Conn } from '../db/pool';

/** Minimal client surface shared by Prisma's client and a transaction client. */
interface TopologyWriter {
  topologyChange: { createMany(args: { data: { accountId: string }[] }): Promise<unknown> };
}

/**
 * Records that the hosting or the replicas of these accounts changed, so that every node's
 * topology cache (lib/node/topology.ts) re-reads them within its poll interval. Call it in the
 * same transaction as the change.
 */
export async function recordTopologyChange(tx: TopologyWriter, accountIds: string[]) {
  if (accountIds.length === 0) return;
  for (let i = 0; i < accountIds.length; i += 5000) {
    await tx.topologyChange.createMany({ data: accountIds.slice(i, i + 5000).map((accountId) => ({ accountId })) });
  }
}

/** The same through a `mariadb` driver connection (hot paths). */
export async function recordTopologyChangeSql(conn: Conn, accountIds: string[]) {
  if (accountIds.length === 0) return;
  await conn.batch('INSERT INTO topology_change (accountId) VALUES (?)', accountIds.map((id) => [id]));
}

import type { HaContext } from '../../ha/context';

export interface AccountActivityItem {
  operationId: string;
  kind: string;
  operationState: string;
  actor: string;
  createdAt: string;
  destination: string | null;
  state: string;
  message: string | null;
  updatedAt: string;
}

export interface LagPoint {
  replicaId: number;
  destination: string;
  at: string;
  lagEvents: number;
  lagSeconds: number;
}

/** The account's part in recent operations (newest first), with each item's result or error. */
export async function accountActivity(ctx: HaContext, accountId: string, limit = 20): Promise<AccountActivityItem[]> {
  const rows = await ctx.prisma.operationItem.findMany({
    where: { accountId },
    orderBy: { id: 'desc' },
    take: limit,
    include: { operation: { select: { id: true, kind: true, state: true, actor: true, createdAt: true } } },
  });
  return rows.map((r) => ({
    operationId: r.operation.id,
    kind: r.operation.kind,
    operationState: r.operation.state,
    actor: r.operation.actor,
    createdAt: r.operation.createdAt.toISOString(),
    destination: r.destination,
    state: r.state,
    message: r.message,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Lag samples of the account's replicas over the last `windowMs` (default one hour), oldest first. */
export async function accountLag(ctx: HaContext, accountId: string, windowMs = 60 * 60_000): Promise<LagPoint[]> {
  const since = new Date(Date.now() - windowMs);
  const rows: { replicaId: number; destination: string; at: Date; lagEvents: number; lagSeconds: number }[] = await ctx.db.query(
    `SELECT s.replicaId, r.destination, s.at, s.lagEvents, s.lagSeconds
     FROM lag_sample s JOIN replica r ON r.id = s.replicaId
     WHERE r.accountId = ? AND s.at >= ? ORDER BY s.at LIMIT 5000`, [accountId, since]);
  return rows.map((r) => ({ replicaId: r.replicaId, destination: r.destination, at: new Date(r.at).toISOString(), lagEvents: Number(r.lagEvents), lagSeconds: Number(r.lagSeconds) }));
}

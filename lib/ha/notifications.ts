import type { Conn } from '../db/pool';
import type { NotificationView } from '../schemas/views';
import { audited } from '../audit/record-audit';
import type { HaContext } from './context';
import { assertCanChange } from './operations/access';

/** Stores a notification for the global administrators (the console's bell, read/unread). */
export async function createNotification(conn: Pick<Conn, 'query'>, n: { kind: string; title: string; body: string; operationId?: string | null }) {
  await conn.query('INSERT INTO notification (kind, title, body, operationId) VALUES (?, ?, ?, ?)',
    [n.kind.slice(0, 64), n.title.slice(0, 255), n.body, n.operationId ?? null]);
}

function toView(r: { id: bigint | number; kind: string; title: string; body: string; operationId: string | null; createdAt: Date; readAt: Date | null }): NotificationView {
  return { id: Number(r.id), kind: r.kind, title: r.title, body: r.body, operationId: r.operationId, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null };
}

/** Newest first. Notifications are for global administrators: a domain administrator sees none. */
export async function listNotifications(ctx: HaContext, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<NotificationView[]> {
  if (ctx.actor.role === 'domain_admin') return [];
  const rows = await ctx.prisma.notification.findMany({
    where: opts.unreadOnly ? { readAt: null } : {},
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(opts.limit ?? 50, 1), 500),
  });
  return rows.map(toView);
}

export async function unreadNotificationCount(ctx: HaContext): Promise<number> {
  if (ctx.actor.role === 'domain_admin') return 0;
  return ctx.prisma.notification.count({ where: { readAt: null } });
}

/** Marks the given notifications (or all unread ones) read; returns how many changed. */
export async function markNotificationsRead(ctx: HaContext, ids: number[] | 'all'): Promise<number> {
  return audited(ctx, 'markNotificationsRead', { ids }, async () => {
    assertCanChange(ctx.actor, 'marking notifications read');
    const where = ids === 'all' ? { readAt: null } : { readAt: null, id: { in: ids.map((i) => BigInt(i)) } };
    const res = await ctx.prisma.notification.updateMany({ where, data: { readAt: new Date() } });
    return res.count;
  }, (n) => `${n} marked read`);
}

import { z } from 'zod';
import type { HaContext } from '../../ha/context';
import { listNotifications, unreadNotificationCount } from '../../ha/notifications';
import { listOperations } from '../../ha/operations/store';
import type { NotificationView, OperationView } from '../../schemas/views';

// Pages over the core's newest-first lists, which take a limit and no offset: page n reads
// n x pageSize rows and keeps the last page. The core caps the limit (operations 1,000,
// notifications 500), so deep pages are refused with a hint to filter instead.

export const OperationsQuery = z.object({
  page: z.coerce.number().int().min(1).max(40).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  kind: z.enum(['setAccountDestination', 'promoteAccounts', 'removeAccountDestination', 'pauseReplicas', 'restartReplicas']).optional(),
  state: z.enum(['queued', 'running', 'succeeded', 'partial', 'failed']).optional(),
});

export async function operationsPage(ctx: HaContext, q: z.infer<typeof OperationsQuery>) {
  const limit = Math.min(1000, q.page * q.pageSize);
  const [all, total] = await Promise.all([
    listOperations(ctx, { limit, kind: q.kind, state: q.state }),
    ctx.prisma.operation.count({ where: { ...(q.kind ? { kind: q.kind } : {}), ...(q.state ? { state: q.state } : {}) } }),
  ]);
  const operations: OperationView[] = all.slice((q.page - 1) * q.pageSize);
  return { total: Math.min(total, 1000), page: q.page, pageSize: q.pageSize, operations };
}

export const NotificationsQuery = z.object({
  page: z.coerce.number().int().min(1).max(25).default(1),
  pageSize: z.coerce.number().int().min(1).max(20).default(20),
  unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});

export async function notificationsPage(ctx: HaContext, q: z.infer<typeof NotificationsQuery>) {
  const [all, unread, count] = await Promise.all([
    listNotifications(ctx, { unreadOnly: q.unread, limit: q.page * q.pageSize }),
    unreadNotificationCount(ctx),
    ctx.prisma.notification.count(),
  ]);
  const notifications: NotificationView[] = all.slice((q.page - 1) * q.pageSize);
  return { total: Math.min(q.unread ? unread : count, 500), unread, page: q.page, pageSize: q.pageSize, notifications };
}

export const MarkReadBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

import { markNotificationsRead, unreadNotificationCount } from '@/lib/ha/notifications';
import { apiRoute } from '@/lib/web/api-route';
import { MarkReadBody } from '@/lib/web/views/paged';

export const POST = apiRoute({ access: 'global', body: MarkReadBody }, async ({ ctx, body }) => {
  const updated = await markNotificationsRead(ctx, 'all' in body ? 'all' : body.ids);
  return { updated, unread: await unreadNotificationCount(ctx) };
});

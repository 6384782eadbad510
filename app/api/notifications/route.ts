import { apiRoute } from '@/lib/web/api-route';
import { notificationsPage, NotificationsQuery } from '@/lib/web/views/paged';

export const GET = apiRoute({ access: 'global', query: NotificationsQuery }, ({ ctx, query }) => notificationsPage(ctx, query));

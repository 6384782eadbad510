import { NotificationsView } from '@/components/notifications/notifications-view';
import { Forbidden } from '@/components/ui/forbidden';
import { requireAdmin } from '../_lib/require-admin';

export const metadata = { title: 'Notifications · Carbonio HA' };

export default async function NotificationsPage() {
  if ((await requireAdmin()).role !== 'global_admin') return <Forbidden what="the notifications" />;
  return <NotificationsView />;
}

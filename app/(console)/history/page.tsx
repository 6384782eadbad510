import { HistoryView } from '@/components/history/history-view';
import { Forbidden } from '@/components/ui/forbidden';
import { requireAdmin } from '../_lib/require-admin';

export const metadata = { title: 'Failover history · Carbonio HA' };

export default async function HistoryPage() {
  if ((await requireAdmin()).role !== 'global_admin') return <Forbidden what="the failover history" />;
  return <HistoryView />;
}

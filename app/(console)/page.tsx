import { OverviewView } from '@/components/overview/overview-view';
import { requireAdmin } from './_lib/require-admin';

export default async function OverviewPage() {
  await requireAdmin();
  return <OverviewView />;
}

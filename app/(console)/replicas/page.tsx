import { Suspense } from 'react';
import { StatusView } from '@/components/replicas/status-view';
import { LoadingState } from '@/components/ui/states';
import { requireAdmin } from '../_lib/require-admin';

export const metadata = { title: 'Replicas · Carbonio HA' };

export default async function ReplicasPage() {
  await requireAdmin();
  return (
    <Suspense fallback={<LoadingState label="Loading replica status..." />}>
      <StatusView />
    </Suspense>
  );
}

import { Suspense } from 'react';
import { OperationsView } from '@/components/operations/operations-view';
import { Forbidden } from '@/components/ui/forbidden';
import { requireAdmin } from '../_lib/require-admin';

export const metadata = { title: 'Operations · Carbonio HA' };

export default async function OperationsPage() {
  if ((await requireAdmin()).role !== 'global_admin') return <Forbidden what="the operations list" />;
  return <Suspense><OperationsView /></Suspense>;
}

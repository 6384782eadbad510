import { Suspense } from 'react';
import { AuditView } from '@/components/audit/audit-view';
import { Forbidden } from '@/components/ui/forbidden';
import { requireAdmin } from '../_lib/require-admin';

export const metadata = { title: 'Audit log · Carbonio HA' };

export default async function AuditPage() {
  if ((await requireAdmin()).role !== 'global_admin') return <Forbidden what="the audit log" />;
  return <Suspense><AuditView /></Suspense>;
}

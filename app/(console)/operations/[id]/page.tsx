import { OperationView } from '@/components/operations/operation-view';
import { Forbidden } from '@/components/ui/forbidden';
import { requireAdmin } from '../../_lib/require-admin';

export default async function OperationPage({ params }: { params: Promise<{ id: string }> }) {
  if ((await requireAdmin()).role !== 'global_admin') return <Forbidden what="this operation" />;
  return <OperationView id={(await params).id} />;
}

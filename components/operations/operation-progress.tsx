'use client';

import Link from 'next/link';
import { useOperation } from '@/components/data/use-operations';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { KIND_LABEL, OperationStateBadge, ProgressBar } from './labels';
import { OperationItems } from './operation-items';

/** Live progress of one operation (polled until it ends), for dialogs after submit. */
export function OperationProgress({ operationId }: { operationId: string }) {
  const q = useOperation(operationId);
  if (q.isPending) return <LoadingState label="Starting the operation..." />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const op = q.data;
  const ended = op.state !== 'queued' && op.state !== 'running';
  return (
    <div className="space-y-4" data-testid="operation-progress" data-state={op.state}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <div className="text-sm font-semibold text-slate-900">{KIND_LABEL[op.kind] ?? op.kind}</div>
          <div className="font-mono text-xs text-slate-500">{op.id}</div>
        </div>
        <OperationStateBadge state={op.state} />
      </div>
      <ProgressBar done={op.done} failed={op.failed} total={op.total} label="Operation progress" />
      <p className="text-sm text-slate-600" aria-live="polite">
        {ended ? (op.message ?? `Ended: ${op.done - op.failed} succeeded, ${op.failed} failed.`) : `${op.done} of ${op.total} accounts done${op.failed ? `, ${op.failed} failed` : ''}…`}
      </p>
      {op.items.length > 0 && (
        <div className="max-h-64 overflow-y-auto rounded-md ring-1 ring-slate-200"><OperationItems items={op.items} limit={100} /></div>
      )}
      <Link href={`/operations/${op.id}`} className="inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">Open the operation page →</Link>
    </div>
  );
}

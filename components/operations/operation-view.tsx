'use client';

import Link from 'next/link';
import { useOperation } from '@/components/data/use-operations';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Ago, Elapsed, formatDateTime } from '@/components/ui/time';
import { KIND_LABEL, OperationStateBadge, ProgressBar } from './labels';
import { OperationItems } from './operation-items';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return <div><dt className="text-xs text-slate-500">{label}</dt><dd className="mt-0.5 text-sm text-slate-900">{children}</dd></div>;
}

export function OperationView({ id }: { id: string }) {
  const q = useOperation(id);
  if (q.isPending) return <Card><LoadingState label="Loading the operation..." rows={4} /></Card>;
  if (q.isError) return <Card><ErrorState title="Could not load the operation" error={q.error} onRetry={() => q.refetch()} /></Card>;
  const op = q.data;
  const running = op.state === 'queued' || op.state === 'running';
  return (
    <>
      <PageHeader eyebrow={<Link href="/operations" className="hover:text-indigo-600">Operations</Link>} title={KIND_LABEL[op.kind] ?? op.kind}
        description={<span className="font-mono text-xs">{op.id}</span>} actions={<OperationStateBadge state={op.state} />} />
      <div className="space-y-6" data-testid="operation-detail" data-state={op.state}>
        <Card>
          <CardBody className="space-y-4">
            <ProgressBar done={op.done} failed={op.failed} total={op.total} label="Operation progress" />
            <p className="text-sm text-slate-600" aria-live="polite">{running ? `Running: ${op.done} of ${op.total} done.` : (op.message ?? `Ended ${op.state}.`)}</p>
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
              <Fact label="By">{op.actor} <span className="text-slate-400">({op.origin})</span></Fact>
              <Fact label="Created">{formatDateTime(op.createdAt)}</Fact>
              <Fact label="Started">{op.startedAt ? <Ago iso={op.startedAt} /> : '—'}</Fact>
              <Fact label="Ended">{op.endedAt ? <Ago iso={op.endedAt} /> : '—'}</Fact>
              <Fact label="Duration"><Elapsed start={op.startedAt} end={op.endedAt} /></Fact>
              <Fact label="Accounts">{op.total.toLocaleString()} ({op.failed} failed)</Fact>
            </dl>
            <details className="text-xs text-slate-600">
              <summary className="cursor-pointer font-medium text-slate-700">Parameters</summary>
              <pre className="mt-2 max-h-48 overflow-auto rounded bg-slate-50 p-3">{JSON.stringify(op.params, null, 2)}</pre>
            </details>
          </CardBody>
        </Card>
        <Card aria-labelledby="op-items">
          <CardHeader id="op-items" title="Per-account results" description={op.itemsTotal > op.items.length ? `First ${op.items.length} of ${op.itemsTotal.toLocaleString()}` : undefined} />
          {op.items.length === 0 ? <EmptyState title="No account result yet" /> : <OperationItems items={op.items} />}
        </Card>
      </div>
    </>
  );
}

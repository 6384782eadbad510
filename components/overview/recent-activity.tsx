'use client';

import Link from 'next/link';
import { useOperations } from '@/components/data/use-operations';
import { usePromotions } from '@/components/data/use-promotions';
import { PromotionResultBadge } from '@/components/history/promotion-result';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Ago, formatDuration } from '@/components/ui/time';
import { KIND_LABEL, OperationStateBadge, ProgressBar } from '@/components/operations/labels';

export function RecentOperations() {
  const q = useOperations({ page: 1, pageSize: 6 });
  return (
    <Card aria-labelledby="recent-ops">
      <CardHeader id="recent-ops" title="Latest operations" actions={<Link href="/operations" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">All operations →</Link>} />
      {q.isPending ? <LoadingState rows={3} /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : q.data.operations.length === 0 ? (
        <EmptyState title="No operation yet">Setting a destination, promoting, pausing, restarting or removing replicas starts one.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {q.data.operations.map((o) => (
            <li key={o.id}>
              <Link href={`/operations/${o.id}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 hover:bg-slate-50">
                <div className="min-w-0 flex-1">
                  <div className="text-sm font-medium text-slate-900">{KIND_LABEL[o.kind] ?? o.kind}</div>
                  <div className="text-xs text-slate-500">{o.actor} · <Ago iso={o.createdAt} /></div>
                </div>
                <ProgressBar done={o.done} failed={o.failed} total={o.total} label={`Progress of ${KIND_LABEL[o.kind] ?? o.kind}`} />
                <OperationStateBadge state={o.state} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function RecentPromotions() {
  const q = usePromotions({ page: 1, pageSize: 6 });
  return (
    <Card aria-labelledby="recent-promotions">
      <CardHeader id="recent-promotions" title="Latest promotions" actions={<Link href="/history" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">Failover history →</Link>} />
      {q.isPending ? <LoadingState rows={3} /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : q.data.promotions.length === 0 ? (
        <EmptyState title="No promotion yet">Promoted accounts appear here with the time each took.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {q.data.promotions.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
              <div className="min-w-0 flex-1">
                <Link href={`/accounts/${encodeURIComponent(p.accountName)}`} className="text-sm font-medium text-slate-900 hover:text-indigo-600">{p.accountName}</Link>
                <div className="text-xs text-slate-500">{p.fromHost} → {p.toHost ?? '—'} · <Ago iso={p.endedAt} /></div>
              </div>
              <span className="text-xs text-slate-500 tabular-nums">{formatDuration(p.durationMs)}</span>
              <PromotionResultBadge result={p.result} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

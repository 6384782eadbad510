'use client';

import Link from 'next/link';
import { useState } from 'react';
import { usePromotions } from '@/components/data/use-promotions';
import { PromotionResultBadge } from '@/components/history/promotion-result';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime, formatDuration } from '@/components/ui/time';

/** Failover history: every promoted account, where it went, how long it took, who did it. */
export function HistoryView() {
  const [page, setPage] = useState(1);
  const q = usePromotions({ page, pageSize: 50 });
  return (
    <>
      <PageHeader title="Failover history" description="Every promotion, newest first: where each account went and how long it took." />
      <Card className="overflow-hidden">
        {q.isPending ? <LoadingState rows={6} /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : q.data.promotions.length === 0 ? (
          <EmptyState title="No promotion yet">When accounts are promoted to a replica, each one is recorded here.</EmptyState>
        ) : (
          <>
            <Table label="Failover history">
              <thead><tr><Th>When</Th><Th>Account</Th><Th>From</Th><Th>To</Th><Th className="text-right">Duration</Th><Th className="text-right">Events drained</Th><Th>Result</Th><Th>By</Th><Th>Operation</Th></tr></thead>
              <tbody>
                {q.data.promotions.map((p) => (
                  <tr key={p.id} data-testid="promotion-row">
                    <Td className="text-slate-500">{formatDateTime(p.startedAt)}</Td>
                    <Td><Link href={`/accounts/${encodeURIComponent(p.accountName)}`} className="font-medium text-slate-900 hover:text-indigo-600">{p.accountName}</Link></Td>
                    <Td>{p.fromHost}</Td>
                    <Td>{p.toHost ?? '—'}</Td>
                    <Td className="text-right tabular-nums">{formatDuration(p.durationMs)}</Td>
                    <Td className="text-right tabular-nums">{p.eventsDrained.toLocaleString()}</Td>
                    <Td className="max-w-xs whitespace-normal">
                      <PromotionResultBadge result={p.result} />
                      {p.message && <div className="mt-0.5 text-xs text-slate-500">{p.message}</div>}
                    </Td>
                    <Td>{p.actor}</Td>
                    <Td><Link href={`/operations/${p.operationId}`} className="font-mono text-[11px] text-indigo-600 hover:text-indigo-500">{p.operationId.slice(0, 8)}</Link></Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={page} pageSize={50} total={q.data.total} onPage={setPage} />
          </>
        )}
      </Card>
    </>
  );
}

'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useMarkNotificationsRead, useNotifications } from '@/components/data/use-notifications';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Ago } from '@/components/ui/time';

export function NotificationsView() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const q = useNotifications({ unread: unreadOnly, page });
  const mark = useMarkNotificationsRead();
  return (
    <>
      <PageHeader title="Notifications" description="Initialisations and promotions that ended, pushed live."
        actions={<Button onClick={() => mark.mutate({ all: true })} busy={mark.isPending} disabled={!q.data?.unread}>Mark all as read</Button>} />
      <Card className="overflow-hidden">
        <div role="tablist" aria-label="Which notifications" className="flex gap-1 border-b border-slate-200 px-4 pt-2">
          {[['All', false], ['Unread', true]].map(([label, value]) => (
            <button key={String(label)} role="tab" type="button" aria-selected={unreadOnly === value} onClick={() => { setUnreadOnly(value as boolean); setPage(1); }}
              className={cn('-mb-px border-b-2 px-3 py-2 text-sm font-medium', unreadOnly === value ? 'border-indigo-600 text-indigo-600' : 'border-transparent text-slate-500 hover:text-slate-700')}>
              {label as string}{value && q.data ? ` (${q.data.unread})` : ''}
            </button>
          ))}
        </div>
        {q.isPending ? <LoadingState rows={5} /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : q.data.notifications.length === 0 ? (
          <EmptyState title={unreadOnly ? 'Nothing unread' : 'No notification yet'}>They arrive when a replica initialisation or a promotion ends.</EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-slate-100" aria-label="Notifications">
              {q.data.notifications.map((n) => (
                <li key={n.id} data-testid="notification" data-unread={!n.readAt} className={cn('flex items-start gap-3 px-5 py-3.5', !n.readAt && 'bg-indigo-50/40')}>
                  <span aria-hidden className={cn('mt-1.5 size-2 shrink-0 rounded-full', n.readAt ? 'bg-transparent' : /fail|error/i.test(n.kind) ? 'bg-rose-500' : 'bg-indigo-500')} />
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <p className={cn('text-sm text-slate-900', !n.readAt && 'font-semibold')}>{n.title}{!n.readAt && <span className="sr-only"> (unread)</span>}</p>
                      <span className="text-xs text-slate-500"><Ago iso={n.createdAt} /></span>
                    </div>
                    <p className="mt-0.5 text-sm break-words text-slate-600">{n.body}</p>
                    <div className="mt-1 flex gap-3 text-xs">
                      {n.operationId && <Link href={`/operations/${n.operationId}`} className="font-medium text-indigo-600 hover:text-indigo-500">View operation</Link>}
                      {!n.readAt && <button type="button" className="font-medium text-slate-500 hover:text-slate-800" onClick={() => mark.mutate({ ids: [n.id] })}>Mark as read</button>}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
            <Pagination page={page} pageSize={q.data.pageSize} total={q.data.total} onPage={setPage} />
          </>
        )}
      </Card>
    </>
  );
}

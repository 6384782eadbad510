'use client';

import { useCallback, useState } from 'react';
import { parseStatusFilters, statusFiltersQuery, type StatusFilters } from '@/components/data/status-filters';
import { useAccountStatus } from '@/components/data/use-account-status';
import { useUrlState } from '@/components/data/use-url-state';
import { useIsGlobalAdmin } from '@/components/layout/identity';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Ago } from '@/components/ui/time';
import { ActionBar, type ReplicaAction } from './action-bar';
import { ReplicaDialogs } from './replica-dialogs';
import { StatusTable } from './status-table';
import { StatusToolbar } from './status-toolbar';

export function StatusView() {
  const [filters, setFilters] = useUrlState(parseStatusFilters, statusFiltersQuery);
  const q = useAccountStatus(filters);
  const isGlobal = useIsGlobalAdmin();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<ReplicaAction | null>(null);

  const onSort = useCallback((column: string) => {
    setFilters((prev) => ({ ...prev, sort: column as StatusFilters['sort'], order: prev.sort === column && prev.order === 'asc' ? 'desc' : 'asc', page: 1 }));
  }, [setFilters]);
  const toggle = (name: string) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(name)) n.delete(name);
    else n.add(name);
    return n;
  });
  const toggleAll = (names: string[], on: boolean) => setSelected((s) => {
    const n = new Set(s);
    names.forEach((x) => (on ? n.add(x) : n.delete(x)));
    return n;
  });
  const filtered = statusFiltersQuery({ ...filters, sort: 'accountName', order: 'asc', page: 1, pageSize: 50 }) !== '';

  return (
    <>
      <PageHeader title="Replicas" description="Every protected account, its source and each of its replicas."
        actions={
          <div className="flex items-center gap-2 text-xs text-slate-500" data-testid="refreshed">
            {q.isFetching && <Spinner className="size-3.5" label="Refreshing" />}
            {q.data ? <span>Refreshed <Ago iso={q.data.readAt} /></span> : null}
          </div>
        } />
      {isGlobal && <ActionBar selected={[...selected]} onAction={setDialog} onClear={() => setSelected(new Set())} />}
      <Card className="overflow-hidden">
        <StatusToolbar filters={filters} onChange={setFilters} />
        {q.isPending ? (
          <LoadingState label="Loading replica status..." rows={8} />
        ) : q.isError && !q.data ? (
          <ErrorState title="Could not load the replica status" error={q.error} onRetry={() => q.refetch()} />
        ) : q.data.accounts.length === 0 ? (
          filtered ? (
            <EmptyState title="No account matches these filters">Change the search or clear the filters.</EmptyState>
          ) : (
            <EmptyState title="No account is protected yet">
              {isGlobal ? 'Set a destination for some accounts to start replicating them.' : 'No account of your domains has a replica.'}
            </EmptyState>
          )
        ) : (
          <>
            {q.isError && <ErrorState title="Refreshing failed; showing the last answer" error={q.error} onRetry={() => q.refetch()} />}
            <StatusTable accounts={q.data.accounts} filters={filters} onSort={onSort} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />
            <Pagination page={filters.page} pageSize={filters.pageSize} total={q.data.total}
              onPage={(page) => setFilters((prev) => ({ ...prev, page }))} onPageSize={(pageSize) => setFilters((prev) => ({ ...prev, pageSize, page: 1 }))} />
          </>
        )}
      </Card>
      {isGlobal && <ReplicaDialogs action={dialog} accounts={[...selected]} onClose={() => setDialog(null)} onDone={() => setSelected(new Set())} />}
    </>
  );
}

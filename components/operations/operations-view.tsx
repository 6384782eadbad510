'use client';

import Link from 'next/link';
import { useCallback } from 'react';
import { useOperations } from '@/components/data/use-operations';
import { useUrlState } from '@/components/data/use-url-state';
import { Card } from '@/components/ui/card';
import { Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { Ago, Elapsed } from '@/components/ui/time';
import { KIND_LABEL, OperationStateBadge, ProgressBar } from './labels';

interface OpFilters { page: number; state: string; kind: string }
const parse = (p: URLSearchParams): OpFilters => ({ page: Math.max(1, Number(p.get('page')) || 1), state: p.get('state') ?? '', kind: p.get('kind') ?? '' });
const serialize = (f: OpFilters) => new URLSearchParams(Object.entries(f).filter(([k, v]) => v && !(k === 'page' && v === 1)).map(([k, v]) => [k, String(v)])).toString();

export function OperationsView() {
  const [f, setF] = useUrlState(parse, serialize);
  const q = useOperations({ page: f.page, pageSize: 25, state: f.state || undefined, kind: f.kind || undefined });
  const set = useCallback((patch: Partial<OpFilters>) => setF((prev) => ({ ...prev, page: 1, ...patch })), [setF]);
  return (
    <>
      <PageHeader title="Operations" description="Every long command, from the console or the CLI, with live progress." />
      <Card className="overflow-hidden">
        <div className="flex flex-wrap gap-3 border-b border-slate-200 px-4 py-3">
          <label className="text-xs font-medium text-slate-500">Kind
            <Select value={f.kind} onChange={(e) => set({ kind: e.target.value })} className="mt-1 h-8 w-48 py-0 text-xs">
              <option value="">Any</option>
              {Object.entries(KIND_LABEL).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
            </Select>
          </label>
          <label className="text-xs font-medium text-slate-500">State
            <Select value={f.state} onChange={(e) => set({ state: e.target.value })} className="mt-1 h-8 w-40 py-0 text-xs">
              <option value="">Any</option>
              {['queued', 'running', 'succeeded', 'partial', 'failed'].map((s) => <option key={s} value={s}>{s}</option>)}
            </Select>
          </label>
        </div>
        {q.isPending ? <LoadingState rows={6} /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : q.data.operations.length === 0 ? (
          <EmptyState title={f.kind || f.state ? 'No operation matches' : 'No operation yet'} />
        ) : (
          <>
            <Table label="Operations">
              <thead><tr><Th>Operation</Th><Th>State</Th><Th>Progress</Th><Th>By</Th><Th>Started</Th><Th>Duration</Th><Th>Message</Th></tr></thead>
              <tbody>
                {q.data.operations.map((o) => (
                  <tr key={o.id} data-testid="operation-row" className="hover:bg-slate-50">
                    <Td>
                      <Link href={`/operations/${o.id}`} className="font-medium text-indigo-600 hover:text-indigo-500">{KIND_LABEL[o.kind] ?? o.kind}</Link>
                      <div className="font-mono text-[11px] text-slate-400">{o.id}</div>
                    </Td>
                    <Td><OperationStateBadge state={o.state} /></Td>
                    <Td><ProgressBar done={o.done} failed={o.failed} total={o.total} label={`Progress of operation ${o.id}`} /></Td>
                    <Td>{o.actor}<div className="text-[11px] text-slate-400">{o.origin}</div></Td>
                    <Td className="text-slate-500"><Ago iso={o.createdAt} /></Td>
                    <Td className="tabular-nums"><Elapsed start={o.startedAt} end={o.endedAt} /></Td>
                    <Td className="max-w-xs truncate text-slate-600" title={o.message ?? undefined}>{o.message ?? ''}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={f.page} pageSize={25} total={q.data.total} onPage={(page) => setF((prev) => ({ ...prev, page }))} />
          </>
        )}
      </Card>
    </>
  );
}

'use client';

import { useEffect } from 'react';
import { auditFiltersQuery, DEFAULT_AUDIT_FILTERS, parseAuditFilters, useAudit, type AuditFilters } from '@/components/data/use-audit';
import { useUrlState } from '@/components/data/use-url-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/components/ui/time';
import { useDraft } from '@/components/ui/use-draft';

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return <div><label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-500">{label}</label>{children}</div>;
}

/** Who did what, when, from where, with which result: console and CLI alike. */
export function AuditView() {
  const [f, setF] = useUrlState(parseAuditFilters, auditFiltersQuery);
  const q = useAudit(f);
  const [actor, setActor] = useDraft(f.actor);
  useEffect(() => {
    if (actor === f.actor) return;
    const t = setTimeout(() => setF((prev) => ({ ...prev, actor, page: 1 })), 300);
    return () => clearTimeout(t);
  }, [actor, f, setF]);
  const set = (patch: Partial<AuditFilters>) => setF((prev) => ({ ...prev, ...patch, page: 1 }));
  const anyFilter = auditFiltersQuery({ ...f, page: 1 }) !== '';
  return (
    <>
      <PageHeader title="Audit log" description="Every command from the console or the CLI, and every sign-in and sign-out." />
      <Card className="overflow-hidden">
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
          <Labelled id="audit-actor" label="Actor"><Input id="audit-actor" value={actor} placeholder="admin@example.com" onChange={(e) => setActor(e.target.value)} className="h-8 w-52 text-xs" /></Labelled>
          <Labelled id="audit-action" label="Action">
            <Select id="audit-action" value={f.action} onChange={(e) => set({ action: e.target.value })} className="h-8 w-52 py-0 text-xs">
              <option value="">Any</option>
              {(q.data?.actions ?? (f.action ? [f.action] : [])).map((a) => <option key={a} value={a}>{a}</option>)}
            </Select>
          </Labelled>
          <Labelled id="audit-origin" label="From">
            <Select id="audit-origin" value={f.origin} onChange={(e) => set({ origin: e.target.value })} className="h-8 w-32 py-0 text-xs">
              <option value="">Anywhere</option><option value="console">Console</option><option value="cli">CLI</option><option value="system">System</option>
            </Select>
          </Labelled>
          <Labelled id="audit-result" label="Result">
            <Select id="audit-result" value={f.result} onChange={(e) => set({ result: e.target.value })} className="h-8 w-32 py-0 text-xs">
              <option value="">Any</option><option value="ok">Succeeded</option><option value="failed">Failed</option>
            </Select>
          </Labelled>
          <Labelled id="audit-from" label="Since"><Input id="audit-from" type="date" value={f.from} onChange={(e) => set({ from: e.target.value })} className="h-8 w-40 text-xs" /></Labelled>
          <Labelled id="audit-to" label="Until"><Input id="audit-to" type="date" value={f.to} onChange={(e) => set({ to: e.target.value })} className="h-8 w-40 text-xs" /></Labelled>
          {anyFilter && <Button size="sm" variant="ghost" onClick={() => setF(DEFAULT_AUDIT_FILTERS)}>Clear filters</Button>}
        </div>
        {q.isPending ? <LoadingState rows={8} /> : q.isError && !q.data ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : q.data.entries.length === 0 ? (
          <EmptyState title={anyFilter ? 'No entry matches these filters' : 'The audit log is empty'} />
        ) : (
          <>
            <Table label="Audit log">
              <thead><tr><Th>When</Th><Th>Actor</Th><Th>From</Th><Th>Action</Th><Th>Parameters</Th><Th>Result</Th><Th>Message</Th></tr></thead>
              <tbody>
                {q.data.entries.map((e) => (
                  <tr key={e.id} data-testid="audit-row" className="align-top">
                    <Td className="text-slate-500">{formatDateTime(e.at)}</Td>
                    <Td><div className="font-medium text-slate-900">{e.actor}</div><div className="text-[11px] text-slate-400">{e.role}</div></Td>
                    <Td>{e.origin}<div className="font-mono text-[11px] text-slate-400">{e.remoteAddr ?? ''}</div></Td>
                    <Td className="font-mono text-xs">{e.action}</Td>
                    <Td className="max-w-xs whitespace-normal">
                      <details>
                        <summary className="cursor-pointer truncate font-mono text-[11px] text-slate-500">{JSON.stringify(e.params).slice(0, 60)}</summary>
                        <pre className="mt-1 max-h-40 overflow-auto rounded bg-slate-50 p-2 text-[11px]">{JSON.stringify(e.params, null, 2)}</pre>
                      </details>
                    </Td>
                    <Td>{e.result === 'ok' ? <Badge tone="green">ok</Badge> : <Badge tone="red">{e.result}</Badge>}</Td>
                    <Td className="max-w-md min-w-48 break-words whitespace-normal text-slate-600">{e.message ?? ''}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={f.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(page) => setF((prev) => ({ ...prev, page }))} />
          </>
        )}
      </Card>
    </>
  );
}

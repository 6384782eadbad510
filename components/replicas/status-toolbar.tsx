'use client';

import { useEffect } from 'react';
import { DEFAULT_STATUS_FILTERS, type StatusFilters } from '@/components/data/status-filters';
import { useMailstores } from '@/components/data/use-mailstores';
import { useIsGlobalAdmin } from '@/components/layout/identity';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';
import { Icon } from '@/components/ui/icons';
import { useDraft } from '@/components/ui/use-draft';

type FilterKey = 'domain' | 'mailHost' | 'replicaServer' | 'accountStatus' | 'replicaStatus' | 'replicaState';

function FilterSelect({ id, label, value, options, onChange, wide }: { id: string; label: string; value: string; options: [string, string][]; onChange: (v: string) => void; wide?: boolean }) {
  return (
    <div className={wide ? 'w-48' : 'w-32'}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-500">{label}</label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="h-8 py-0 text-xs">
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </Select>
    </div>
  );
}

/** Text search (debounced) and the filters of getAccountStatus; every change lands in the URL. */
export function StatusToolbar({ filters, onChange }: { filters: StatusFilters; onChange: (next: StatusFilters | ((prev: StatusFilters) => StatusFilters)) => void }) {
  const isGlobal = useIsGlobalAdmin();
  const mailstores = useMailstores({ enabled: isGlobal });
  const hosts = (mailstores.data ?? []).map((m) => m.host);
  const [q, setQ] = useDraft(filters.q);
  const [domain, setDomain] = useDraft(filters.domain);
  useEffect(() => {
    if (q === filters.q && domain === filters.domain) return;
    const t = setTimeout(() => onChange((prev) => ({ ...prev, q, domain: domain.trim(), page: 1 })), 300);
    return () => clearTimeout(t);
  }, [q, domain, filters, onChange]);

  const set = (key: FilterKey, value: string) => onChange((prev) => ({ ...prev, [key]: value, page: 1 }) as StatusFilters);
  const hostOptions = (all: string): [string, string][] => [['', all], ...hosts.map((h): [string, string] => [h, h]),
    ...(filters.mailHost && !hosts.includes(filters.mailHost) ? [[filters.mailHost, filters.mailHost] as [string, string]] : [])];
  const active = (['q', 'domain', 'mailHost', 'replicaServer', 'accountStatus', 'replicaStatus', 'replicaState'] as const).filter((k) => filters[k] !== '').length;

  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="status-search" className="mb-1 block text-xs font-medium text-slate-500">Search accounts</label>
        <div className="relative">
          <span className="pointer-events-none absolute inset-y-0 left-0 flex items-center pl-2.5 text-slate-400"><Icon name="search" className="size-4" /></span>
          <Input id="status-search" type="search" placeholder="Part of an account name" value={q} onChange={(e) => setQ(e.target.value)} className="h-8 pl-8 text-xs" />
        </div>
      </div>
      <div className="w-32">
        <label htmlFor="filter-domain" className="mb-1 block text-xs font-medium text-slate-500">Domain</label>
        <Input id="filter-domain" placeholder="example.com" value={domain} onChange={(e) => setDomain(e.target.value)} className="h-8 text-xs" />
      </div>
      {isGlobal ? (
        <>
          <FilterSelect id="filter-mailhost" label="Source mailstore" value={filters.mailHost} options={hostOptions('Any')} onChange={(v) => set('mailHost', v)} wide />
          <FilterSelect id="filter-replica-server" label="Replica server" value={filters.replicaServer} options={hostOptions('Any')} onChange={(v) => set('replicaServer', v)} wide />
        </>
      ) : null}
      <FilterSelect id="filter-account-status" label="Account status" value={filters.accountStatus} onChange={(v) => set('accountStatus', v)}
        options={[['', 'Any'], ['active', 'Active'], ['paused', 'Paused']]} />
      <FilterSelect id="filter-replica-status" label="Replica status" value={filters.replicaStatus} onChange={(v) => set('replicaStatus', v)}
        options={[['', 'Any'], ['available', 'Available'], ['unavailable', 'Unavailable']]} />
      <FilterSelect id="filter-replica-state" label="Replica state" value={filters.replicaState} onChange={(v) => set('replicaState', v)}
        options={[['', 'Any'], ['initializing', 'Initializing'], ['active', 'Active'], ['paused', 'Paused'], ['failed', 'Failed'], ['removing', 'Removing']]} />
      {active > 0 && (
        <Button size="sm" variant="ghost" onClick={() => onChange({ ...DEFAULT_STATUS_FILTERS, sort: filters.sort, order: filters.order, pageSize: filters.pageSize })}>
          Clear {active} filter{active > 1 ? 's' : ''}
        </Button>
      )}
    </div>
  );
}

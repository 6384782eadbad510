'use client';

import Link from 'next/link';
import type { AccountStatusView, ReplicaStatusView } from '@/lib/schemas/views';
import type { StatusFilters } from '@/components/data/status-filters';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { MultiSortTh, SortTh, Table, Td, Th } from '@/components/ui/table';
import { Ago, formatLagSeconds } from '@/components/ui/time';
import { ReplicaStateBadge } from './state-badge';

interface Props {
  accounts: AccountStatusView[];
  filters: StatusFilters;
  onSort: (column: string) => void;
  selected: Set<string>;
  onToggle: (name: string) => void;
  onToggleAll: (names: string[], on: boolean) => void;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString());

function lagTone(seconds: number, events: number) {
  if (events === 0) return 'text-emerald-700';
  if (seconds >= 300) return 'text-rose-600 font-semibold';
  if (seconds >= 30) return 'text-amber-700 font-medium';
  return 'text-slate-700';
}

/** Every getAccountStatus field: one row per replica, the account's own cells spanning its replicas. */
export function StatusTable({ accounts, filters, onSort, selected, onToggle, onToggleAll }: Props) {
  const names = accounts.map((a) => a.accountName);
  const allOn = names.length > 0 && names.every((n) => selected.has(n));
  const sortProps = { sort: filters.sort, order: filters.order, onSort };
  return (
    <Table label="Replica status" className="max-h-[calc(100vh-260px)] overflow-y-auto">
      <thead>
        <tr>
          <Th className="left-0 z-20 w-10 min-w-10">
            <input type="checkbox" aria-label="Select every account on this page" checked={allOn} onChange={(e) => onToggleAll(names, e.target.checked)} className="size-4 rounded border-slate-300 accent-indigo-600" />
          </Th>
          <SortTh label="Account" column="accountName" className="left-10 z-20 border-r border-r-slate-200" {...sortProps} />
          <SortTh label="Source mailstore" column="accountMailHost" {...sortProps} />
          <MultiSortTh label="Source" columns={[{ column: 'sequence', label: 'sequence' }, { column: 'itemId', label: 'item ID' }]} align="right" {...sortProps} />
          <SortTh label="Destination" column="destination" className="border-l border-l-slate-200" {...sortProps} />
          <SortTh label="Prio." column="priority" align="right" {...sortProps} />
          <SortTh label="State" column="state" {...sortProps} />
          <Th className="text-right">Replica</Th>
          <MultiSortTh label="Lag" columns={[{ column: 'lagEvents', label: 'events' }, { column: 'lagSeconds', label: 'time' }]} align="right" {...sortProps} />
          <SortTh label="Refreshed" column="updatedAt" {...sortProps} />
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => {
          const replicas: (ReplicaStatusView | null)[] = a.replicas.length ? a.replicas : [null];
          const span = replicas.length;
          return replicas.map((r, i) => (
            <tr key={`${a.accountId}-${r?.destination ?? 'none'}`} data-testid="status-row" data-account={a.accountName} className={cn('group', selected.has(a.accountName) && 'bg-indigo-50/40')}>
              {i === 0 && (
                <>
                  <Td rowSpan={span} className="sticky left-0 z-[1] w-10 min-w-10 bg-white">
                    <input type="checkbox" aria-label={`Select ${a.accountName}`} checked={selected.has(a.accountName)} onChange={() => onToggle(a.accountName)} className="size-4 rounded border-slate-300 accent-indigo-600" />
                  </Td>
                  <Td rowSpan={span} className="sticky left-10 z-[1] max-w-72 border-r border-r-slate-200 bg-white">
                    <Link href={`/accounts/${encodeURIComponent(a.accountName)}`} className="block truncate font-medium text-slate-900 hover:text-indigo-600">{a.accountName}</Link>
                    <div className="font-mono text-[11px] text-slate-400" title={a.accountId}>{a.accountId.slice(0, 8)}…</div>
                    {a.paused && <Badge tone="amber" className="mt-1">paused</Badge>}
                  </Td>
                  <Td rowSpan={span}>
                    {a.accountMailHost}
                    <div className="text-[11px] text-slate-400">mailbox {num(a.mailboxId)} · <Ago iso={a.updatedAt} fallback="not reported" /></div>
                  </Td>
                  <Td rowSpan={span} className="text-right text-xs tabular-nums">
                    <div>seq. <span className="text-slate-900">{num(a.sequence)}</span></div>
                    <div>item <span className="text-slate-900">{num(a.itemId)}</span></div>
                  </Td>
                </>
              )}
              {r ? (
                <>
                  <Td className="border-l border-l-slate-100 font-medium text-slate-800">{r.destination}</Td>
                  <Td className="text-right tabular-nums">{r.priority}</Td>
                  <Td className="max-w-56">
                    <ReplicaStateBadge state={r.state} available={r.available} />
                    <div className={cn('mt-0.5 text-[11px]', r.canConnectToKafka ? 'text-slate-400' : 'text-rose-600')}>Kafka {r.canConnectToKafka ? 'connected' : 'not connected'}</div>
                    {r.lastError && <div className="mt-0.5 truncate text-[11px] text-rose-600" title={r.lastError}>{r.lastError}</div>}
                  </Td>
                  <Td className="text-right text-xs tabular-nums">
                    <div>seq. <span className="text-slate-900">{num(r.sequence)}</span> · item <span className="text-slate-900">{num(r.itemId)}</span></div>
                    <div className="text-[11px] text-slate-400">mailbox {num(r.mailboxId)}</div>
                  </Td>
                  <Td className={cn('text-right text-xs tabular-nums', lagTone(r.lagSeconds, r.lagEvents))} data-testid="lag">
                    {r.lagEvents === 0 ? 'in sync' : (
                      <>
                        <div>{num(r.lagEvents)} events</div>
                        <div>{formatLagSeconds(r.lagSeconds)}</div>
                      </>
                    )}
                  </Td>
                  <Td className="text-slate-500"><Ago iso={r.updatedAt} fallback="not reported" /></Td>
                </>
              ) : (
                <Td colSpan={6} className="border-l border-l-slate-100 text-slate-400">No replica</Td>
              )}
            </tr>
          ));
        })}
      </tbody>
    </Table>
  );
}

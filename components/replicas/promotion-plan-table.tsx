import type { PromotionPlanRow } from '@/lib/schemas/views';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import { formatLagSeconds } from '@/components/ui/time';

/** The dry run: where each account would go, with its lag, or what blocks it. */
export function PromotionPlanTable({ plan }: { plan: PromotionPlanRow[] }) {
  const rows = [...plan].sort((a, b) => Number(a.blockers.length === 0) - Number(b.blockers.length === 0) || a.accountName.localeCompare(b.accountName));
  return (
    <Table label="Promotion plan (dry run)" className="max-h-72 overflow-y-auto rounded-md ring-1 ring-slate-200">
      <thead><tr><Th>Account</Th><Th>From</Th><Th>To</Th><Th className="text-right">Priority</Th><Th className="text-right">Lag</Th><Th>Outcome</Th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.accountId || r.accountName} data-testid="plan-row" data-blocked={r.blockers.length > 0}>
            <Td className="font-medium text-slate-900">{r.accountName}</Td>
            <Td>{r.sourceMailHost}</Td>
            <Td>{r.destination ?? '—'}</Td>
            <Td className="text-right tabular-nums">{r.priority ?? '—'}</Td>
            <Td className="text-right tabular-nums">{r.lagEvents === null ? '—' : r.lagEvents === 0 ? 'in sync' : `${r.lagEvents} ev · ${formatLagSeconds(r.lagSeconds)}`}</Td>
            <Td className="whitespace-normal">
              {r.blockers.length === 0 ? <Badge tone="green">will be promoted</Badge> : (
                <div className="space-y-0.5">
                  <Badge tone="red">blocked</Badge>
                  {r.blockers.map((b) => <p key={b} className="text-xs text-rose-700">{b}</p>)}
                </div>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

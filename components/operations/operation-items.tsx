import type { OperationItemView } from '@/lib/schemas/views';
import { Table, Td, Th } from '@/components/ui/table';
import { Ago } from '@/components/ui/time';
import { OperationStateBadge } from './labels';

/** Per-account results of an operation, failures first. */
export function OperationItems({ items, limit }: { items: OperationItemView[]; limit?: number }) {
  const order = { failed: 0, running: 1, pending: 2, skipped: 3, succeeded: 4 } as Record<string, number>;
  const sorted = [...items].sort((a, b) => (order[a.state] ?? 9) - (order[b.state] ?? 9) || a.accountName.localeCompare(b.accountName));
  const shown = limit ? sorted.slice(0, limit) : sorted;
  return (
    <Table label="Per-account results">
      <thead><tr><Th>Account</Th><Th>Destination</Th><Th>Result</Th><Th>Message</Th><Th>Updated</Th></tr></thead>
      <tbody>
        {shown.map((it) => (
          <tr key={`${it.accountName}-${it.destination ?? ''}`} data-testid="operation-item" data-state={it.state}>
            <Td className="font-medium text-slate-900">{it.accountName}</Td>
            <Td>{it.destination ?? '—'}</Td>
            <Td><OperationStateBadge state={it.state} /></Td>
            <Td className="max-w-md truncate whitespace-normal text-slate-600" title={it.message ?? undefined}>{it.message ?? ''}</Td>
            <Td className="text-slate-500"><Ago iso={it.updatedAt} /></Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

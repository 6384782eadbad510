import Link from 'next/link';
import type { AccountActivityItem } from '@/lib/web/views/account-activity';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { Ago } from '@/components/ui/time';
import { KIND_LABEL, OperationStateBadge } from '@/components/operations/labels';

/** The account's part in recent operations, errors included. */
export function ActivityCard({ items }: { items: AccountActivityItem[] }) {
  const errors = items.filter((i) => i.state === 'failed').length;
  return (
    <Card aria-labelledby="acct-activity">
      <CardHeader id="acct-activity" title="Recent operations and errors" description={errors ? `${errors} failed in the last ${items.length}` : 'Newest first'} />
      {items.length === 0 ? <EmptyState title="No operation has touched this account yet" /> : (
        <Table label="Recent operations of the account">
          <thead><tr><Th>When</Th><Th>Operation</Th><Th>Destination</Th><Th>Result</Th><Th>Message</Th><Th>By</Th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.operationId}-${i.destination ?? ''}`}>
                <Td className="text-slate-500"><Ago iso={i.updatedAt} /></Td>
                <Td><Link href={`/operations/${i.operationId}`} className="font-medium text-indigo-600 hover:text-indigo-500">{KIND_LABEL[i.kind] ?? i.kind}</Link></Td>
                <Td>{i.destination ?? '—'}</Td>
                <Td><OperationStateBadge state={i.state} /></Td>
                <Td className={`max-w-md whitespace-normal ${i.state === 'failed' ? 'text-rose-700' : 'text-slate-600'}`}>{i.message ?? ''}</Td>
                <Td className="text-slate-500">{i.actor}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

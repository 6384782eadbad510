'use client';

import { useMailstores } from '@/components/data/use-mailstores';
import { Badge, StatusDot } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { Ago } from '@/components/ui/time';

export function MailstoresCard() {
  const q = useMailstores();
  return (
    <Card aria-labelledby="ms-title">
      <CardHeader id="ms-title" title="Mailstores and volumes" description="A mailstore takes part only when all its primary volumes are on centralized storage." />
      {q.isPending ? <LoadingState rows={3} /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : q.data.length === 0 ? <EmptyState title="No mailstore registered" /> : (
        <Table label="Mailstores and volumes">
          <thead><tr><Th>Mailstore</Th><Th>State</Th><Th className="text-right">Accounts</Th><Th className="text-right">Replicas held</Th><Th>Volumes</Th><Th>Can receive replicas</Th></tr></thead>
          <tbody>
            {q.data.map((m) => (
              <tr key={m.host} data-testid={`settings-mailstore-${m.host}`}>
                <Td><div className="font-medium text-slate-900">{m.host}</div><div className="font-mono text-[11px] text-slate-400">{m.apiUrl}</div></Td>
                <Td className="space-y-1">
                  <StatusDot ok={m.nodeUp} label={m.nodeUp ? 'node up' : 'node down'} />
                  <div className="text-[11px] text-slate-400">module {m.moduleRunning ? 'running' : 'stopped'} · <Ago iso={m.heartbeatAt} /></div>
                </Td>
                <Td className="text-right tabular-nums">{m.accountsHosted.toLocaleString()}</Td>
                <Td className="text-right tabular-nums">{m.replicasHeld.toLocaleString()}</Td>
                <Td className="whitespace-normal">
                  <ul className="space-y-1">
                    {m.volumes.map((v) => (
                      <li key={v.name} className="flex flex-wrap items-center gap-1.5 text-xs">
                        <span className="font-medium">{v.name}</span>{v.kind !== v.name && <Badge tone="slate">{v.kind}</Badge>}
                        {v.centralized ? <Badge tone="green">centralized</Badge> : <Badge tone="amber">local</Badge>}
                        <span className="font-mono text-slate-400">{v.path}</span>
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td className="whitespace-normal">{m.eligible ? <Badge tone="green">yes</Badge> : <span className="text-xs text-amber-800">No: {m.ineligibleReason}</span>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

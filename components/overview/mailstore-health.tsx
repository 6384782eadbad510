'use client';

import Link from 'next/link';
import { useMailstores } from '@/components/data/use-mailstores';
import { Badge, StatusDot } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { Ago } from '@/components/ui/time';

export function MailstoreHealth() {
  const q = useMailstores();
  return (
    <Card aria-labelledby="ms-health">
      <CardHeader id="ms-health" title="Mailstores" description="From each node's heartbeat: answers even when a node is down." actions={<Link href="/settings" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">Volumes and settings →</Link>} />
      {q.isPending ? <LoadingState rows={3} /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : q.data.length === 0 ? (
        <EmptyState title="No mailstore has registered yet">Start a mailstore node; it registers itself and its volumes.</EmptyState>
      ) : (
        <Table label="Mailstore health">
          <thead>
            <tr><Th>Mailstore</Th><Th>Node</Th><Th>Agent</Th><Th>Kafka</Th><Th>Volumes</Th><Th className="text-right">Accounts hosted</Th><Th className="text-right">Replicas held</Th><Th>Heartbeat</Th></tr>
          </thead>
          <tbody>
            {q.data.map((m) => (
              <tr key={m.host} data-testid={`mailstore-${m.host}`}>
                <Td className="font-medium text-slate-900">{m.host}</Td>
                <Td><StatusDot ok={m.nodeUp} label={m.nodeUp ? 'up' : 'down'} /></Td>
                <Td><StatusDot ok={m.agentAlive} label={m.agentAlive ? 'alive' : 'stopped'} /></Td>
                <Td><StatusDot ok={m.kafkaReachable} label={m.kafkaReachable ? 'reachable' : 'unreachable'} /></Td>
                <Td>{m.primaryCentralized ? <Badge tone="green">centralized</Badge> : <Badge tone="amber">not centralized</Badge>}</Td>
                <Td className="text-right tabular-nums">{m.accountsHosted.toLocaleString()}</Td>
                <Td className="text-right tabular-nums">{m.replicasHeld.toLocaleString()}</Td>
                <Td className="text-slate-500"><Ago iso={m.heartbeatAt} /></Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

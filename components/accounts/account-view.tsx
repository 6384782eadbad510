'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useAccount } from '@/components/data/use-account';
import { useVerify } from '@/components/data/use-replica-commands';
import { useIsGlobalAdmin } from '@/components/layout/identity';
import type { ReplicaAction } from '@/components/replicas/action-bar';
import { ReplicaDialogs } from '@/components/replicas/replica-dialogs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { Ago } from '@/components/ui/time';
import { ActivityCard } from './activity-card';
import { LagChartCard } from './lag-chart-card';
import { ReplicaCard, SourceCard } from './side-by-side';
import { VerifyResultPanel } from './verify-panel';

export function AccountView({ name }: { name: string }) {
  const q = useAccount(name);
  const isGlobal = useIsGlobalAdmin();
  const [dialog, setDialog] = useState<ReplicaAction | null>(null);
  const verify = useVerify();
  if (q.isPending) return <Card><LoadingState label={`Loading ${name}...`} rows={4} /></Card>;
  if (q.isError) return <Card><ErrorState title={`Could not load ${name}`} error={q.error} onRetry={() => q.refetch()} /></Card>;
  const { account, status, activity } = q.data;
  const replicas = status?.replicas ?? [];
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/replicas" className="hover:text-indigo-600">Replicas</Link>}
        title={account.name}
        description={<span className="font-mono text-xs">{account.id} · epoch {account.epoch} · hosted on {account.mailHost}</span>}
        actions={
          <>
            <span className="mr-2 text-xs text-slate-500">Refreshed <Ago iso={q.data.readAt} /></span>
            {replicas.length > 0 && (
              <Button icon={<Icon name="check" className="size-4" />} busy={verify.isPending} onClick={() => verify.mutate({ account: account.name })}>Verify</Button>
            )}
            {isGlobal && (
              <>
                <Button variant="primary" onClick={() => setDialog('set')}>Add replica</Button>
                {replicas.length > 0 && (
                  <>
                    <Button onClick={() => setDialog('promote')}>Promote</Button>
                    <Button onClick={() => setDialog(status?.paused || replicas.some((r) => r.state === 'paused') ? 'restart' : 'pause')}>
                      {replicas.some((r) => r.state === 'paused') ? 'Restart' : 'Pause'}
                    </Button>
                    <Button variant="ghost" className="text-rose-600 hover:bg-rose-50" onClick={() => setDialog('remove')}>Remove</Button>
                  </>
                )}
              </>
            )}
          </>
        } />
      <VerifyResultPanel result={verify.data} error={verify.error} />
      {account.kind === 'distribution_list' && <Badge tone="amber" className="mb-4">Distribution list: cannot be replicated</Badge>}
      <div className="space-y-6">
        {status ? (
          <section aria-label="Source and replicas side by side" className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
            <SourceCard s={status} />
            {replicas.map((r) => <ReplicaCard key={r.destination} r={r} sourceSequence={status.sequence} />)}
          </section>
        ) : (
          <Card><EmptyState title="This account has no replica">{isGlobal ? 'Add a replica to protect it.' : 'A global administrator can protect it.'}</EmptyState></Card>
        )}
        {replicas.length > 0 && <LagChartCard account={account.name} replicas={replicas} />}
        <ActivityCard items={activity} />
      </div>
      {isGlobal && <ReplicaDialogs action={dialog} accounts={[account.name]} destination={replicas[0]?.destination} onClose={() => setDialog(null)} />}
    </>
  );
}

'use client';

import { useOverview } from '@/components/data/use-overview';
import { useIsGlobalAdmin } from '@/components/layout/identity';
import { BarChart } from '@/components/ui/bar-chart';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { Ago } from '@/components/ui/time';
import { MailstoreHealth } from './mailstore-health';
import { RecentOperations, RecentPromotions } from './recent-activity';
import { StatCards } from './stat-cards';

const LAG_COLORS = ['#10b981', '#34d399', '#fbbf24', '#f59e0b', '#f97316', '#ef4444', '#94a3b8'];

export function OverviewView() {
  const q = useOverview();
  const isGlobal = useIsGlobalAdmin();
  return (
    <>
      <PageHeader title="Overview" description="What is protected, and what is at risk, across every mailstore."
        actions={q.data && <span className="text-xs text-slate-500" aria-live="off">Refreshed <Ago iso={q.data.readAt} /></span>} />
      {q.isPending ? <Card><LoadingState label="Loading the overview..." rows={2} /></Card> : q.isError ? <Card><ErrorState error={q.error} onRetry={() => q.refetch()} /></Card> : (
        <div className="space-y-6">
          <StatCards data={q.data} />
          {isGlobal && <MailstoreHealth />}
          <div className={isGlobal ? 'grid gap-6 lg:grid-cols-2 2xl:grid-cols-3' : ''}>
            <Card aria-labelledby="lag-dist">
              <CardHeader id="lag-dist" title="Replication lag" description="Active replicas by how far behind their source they are." />
              <CardBody>
                <BarChart label="Active replicas by lag" data={q.data.lag.map((b, i) => ({ ...b, color: LAG_COLORS[i] })).filter((b) => b.label !== 'not reported' || b.value > 0)} />
              </CardBody>
            </Card>
            {isGlobal && <RecentOperations />}
            {isGlobal && <div className="lg:col-span-2 2xl:col-span-1"><RecentPromotions /></div>}
          </div>
        </div>
      )}
    </>
  );
}

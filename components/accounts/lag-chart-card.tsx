'use client';

import { useAccountLag } from '@/components/data/use-account';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { LineChart, seriesColor, type Series } from '@/components/ui/line-chart';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useNow } from '@/components/ui/time';
import type { ReplicaStatusView } from '@/lib/schemas/views';

/** Lag of each replica over the last hour (lag_sample), ending with the live value. */
export function LagChartCard({ account, replicas }: { account: string; replicas: ReplicaStatusView[] }) {
  const q = useAccountLag(account);
  const now = useNow(10_000);
  let body: React.ReactNode;
  if (q.isPending) body = <LoadingState label="Loading lag history..." />;
  else if (q.isError) body = <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  else {
    const from = new Date(q.data.from).getTime();
    const to = now;
    const series: Series[] = replicas.map((r, i) => {
      const pts = q.data.points.filter((p) => p.destination === r.destination).map((p) => ({ t: new Date(p.at).getTime(), v: p.lagSeconds }));
      return { name: r.destination, color: seriesColor(i), points: [...pts, { t: to, v: r.lagEvents === 0 ? 0 : r.lagSeconds }] };
    });
    const lagged = q.data.points.length > 0;
    body = (
      <>
        <LineChart label={`Replication lag of ${account} over the last hour, in seconds`} unit="seconds" from={from} to={to} series={series} />
        {!lagged && <p className="mt-2 text-xs text-slate-500">No lag was recorded in the last hour: every replica stayed in sync.</p>}
      </>
    );
  }
  return (
    <Card aria-labelledby="lag-chart">
      <CardHeader id="lag-chart" title="Lag over the last hour" description="Seconds behind the source, per replica (sampled each minute while lagging)." />
      <CardBody>{body}</CardBody>
    </Card>
  );
}

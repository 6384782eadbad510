import Link from 'next/link';
import type { OverviewView } from '@/lib/web/views/overview';
import { cn } from '@/components/ui/cn';

const CARDS: { key: keyof OverviewView['replicas']; label: string; accent: string; href: string }[] = [
  { key: 'active', label: 'Active', accent: 'bg-emerald-500', href: '/replicas?replicaState=active&replicaStatus=available' },
  { key: 'initializing', label: 'Initializing', accent: 'bg-sky-500', href: '/replicas?replicaState=initializing' },
  { key: 'paused', label: 'Paused', accent: 'bg-amber-500', href: '/replicas?replicaState=paused' },
  { key: 'failed', label: 'Failed', accent: 'bg-rose-500', href: '/replicas?replicaState=failed' },
  { key: 'unavailable', label: 'Unavailable', accent: 'bg-rose-700', href: '/replicas?replicaStatus=unavailable' },
];

export function StatCards({ data }: { data: OverviewView }) {
  const pct = data.accounts ? Math.round((data.protectedAccounts / data.accounts) * 1000) / 10 : 0;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      <Link href="/replicas" className="col-span-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-indigo-300 md:col-span-1 xl:col-span-1" data-testid="stat-protected">
        <div className="text-xs font-medium text-slate-500">Protected accounts</div>
        <div className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{data.protectedAccounts.toLocaleString()}</div>
        <div className="mt-1 text-xs text-slate-500">{pct}% of {data.accounts.toLocaleString()} accounts</div>
      </Link>
      {CARDS.map((c) => (
        <Link key={c.key} href={c.href} className="group rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-indigo-300" data-testid={`stat-${c.key}`}>
          <div className="flex items-center gap-2 text-xs font-medium text-slate-500">
            <span className={cn('size-2 rounded-full', c.accent)} aria-hidden />
            {c.label} replicas
          </div>
          <div className={cn('mt-1 text-2xl font-semibold tabular-nums', (c.key === 'failed' || c.key === 'unavailable') && data.replicas[c.key] > 0 ? 'text-rose-600' : 'text-slate-900')}>
            {data.replicas[c.key].toLocaleString()}
          </div>
          <div className="mt-1 text-xs text-slate-400 group-hover:text-indigo-600">View →</div>
        </Link>
      ))}
    </div>
  );
}

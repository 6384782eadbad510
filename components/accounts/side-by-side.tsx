import type { AccountStatusView, ReplicaStatusView } from '@/lib/schemas/views';
import { Badge, StatusDot } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { Ago, formatLagSeconds } from '@/components/ui/time';
import { ReplicaStateBadge } from '@/components/replicas/state-badge';

function Row({ label, value, mono }: { label: string; value: React.ReactNode; mono?: boolean }) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1.5">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={cn('text-right text-sm text-slate-900 tabular-nums', mono && 'font-mono text-xs')}>{value}</dd>
    </div>
  );
}

const n = (v: number | null) => (v === null ? '—' : v.toLocaleString());

export function SourceCard({ s }: { s: AccountStatusView }) {
  return (
    <article className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={`Source ${s.accountMailHost}`} data-testid="source-card">
      <div className="flex items-center justify-between gap-2">
        <div>
          <div className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Source</div>
          <div className="text-sm font-semibold text-slate-900">{s.accountMailHost}</div>
        </div>
        {s.paused ? <Badge tone="amber" dot>paused</Badge> : <Badge tone="green" dot>serving</Badge>}
      </div>
      <dl className="mt-3 divide-y divide-slate-100">
        <Row label="Mailbox ID" value={n(s.mailboxId)} />
        <Row label="Sequence" value={n(s.sequence)} />
        <Row label="Highest item ID" value={n(s.itemId)} />
        <Row label="Refreshed" value={<Ago iso={s.updatedAt} fallback="not reported" />} />
      </dl>
    </article>
  );
}

export function ReplicaCard({ r, sourceSequence }: { r: ReplicaStatusView; sourceSequence: number }) {
  return (
    <article className={cn('rounded-lg bg-white p-4 shadow-sm ring-1', r.available ? 'ring-slate-200' : 'ring-rose-200')} aria-label={`Replica on ${r.destination}`} data-testid="replica-card">
      <div className="flex items-center justify-between gap-2">
        <div>
          <div className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Replica · priority {r.priority}</div>
          <div className="text-sm font-semibold text-slate-900">{r.destination}</div>
        </div>
        <ReplicaStateBadge state={r.state} available={r.available} />
      </div>
      <dl className="mt-3 divide-y divide-slate-100">
        <Row label="Mailbox ID" value={n(r.mailboxId)} />
        <Row label="Sequence" value={<>{n(r.sequence)}{r.sequence < sourceSequence && <span className="ml-1 text-xs text-amber-700">(−{(sourceSequence - r.sequence).toLocaleString()})</span>}</>} />
        <Row label="Highest item ID" value={n(r.itemId)} />
        <Row label="Lag" value={r.lagEvents === 0 ? <span className="text-emerald-700">in sync</span> : `${r.lagEvents.toLocaleString()} events · ${formatLagSeconds(r.lagSeconds)}`} />
        <Row label="Available" value={<StatusDot ok={r.available} label={r.available ? 'yes' : 'no'} />} />
        <Row label="Kafka" value={<StatusDot ok={r.canConnectToKafka} label={r.canConnectToKafka ? 'connected' : 'not connected'} />} />
        <Row label="Refreshed" value={<Ago iso={r.updatedAt} fallback="not reported" />} />
      </dl>
      {r.lastError && <p className="mt-2 rounded bg-rose-50 px-2 py-1.5 text-xs text-rose-700" role="alert">{r.lastError}</p>}
    </article>
  );
}

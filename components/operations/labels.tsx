import { Badge, type Tone } from '@/components/ui/badge';

export const KIND_LABEL: Record<string, string> = {
  setAccountDestination: 'Set destination',
  promoteAccounts: 'Promote',
  removeAccountDestination: 'Remove replica',
  pauseReplicas: 'Pause',
  restartReplicas: 'Restart',
};

const STATE_TONE: Record<string, Tone> = {
  queued: 'slate', running: 'blue', succeeded: 'green', partial: 'amber', failed: 'red',
  pending: 'slate', skipped: 'slate',
};

export function OperationStateBadge({ state }: { state: string }) {
  return <Badge tone={STATE_TONE[state] ?? 'slate'} dot>{state}</Badge>;
}

/** done / total as a bar, failed part in red. */
export function ProgressBar({ done, failed, total, label }: { done: number; failed: number; total: number; label?: string }) {
  const pct = total ? Math.round((done / total) * 100) : 0;
  const failPct = total ? (failed / total) * 100 : 0;
  return (
    <div className="flex min-w-40 items-center gap-2">
      <div role="progressbar" aria-label={label ?? 'Progress'} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={`${done} of ${total} done${failed ? `, ${failed} failed` : ''}`}
        className="relative h-1.5 flex-1 overflow-hidden rounded-full bg-slate-200">
        <div className="absolute inset-y-0 left-0 bg-emerald-500 transition-all" style={{ width: `${pct}%` }} />
        <div className="absolute inset-y-0 bg-rose-500" style={{ left: `${Math.max(0, pct - failPct)}%`, width: `${failPct}%` }} />
      </div>
      <span className="w-20 text-right text-xs text-slate-500 tabular-nums">{done.toLocaleString()}/{total.toLocaleString()}</span>
    </div>
  );
}

import type { ReactNode } from 'react';
import { Button } from './button';
import { Spinner } from './spinner';

/** Three clearly different states: loading (spinner + skeleton), empty (nothing matches), failed (why + retry). */
export function LoadingState({ label = 'Loading...', rows = 0 }: { label?: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" className="px-5 py-6">
      <div className="flex items-center gap-2 text-sm text-slate-500"><Spinner /> {label}</div>
      {rows > 0 && (
        <div className="mt-4 space-y-2" aria-hidden>
          {Array.from({ length: rows }, (_, i) => <div key={i} className="h-7 animate-pulse rounded bg-slate-100" />)}
        </div>
      )}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="px-5 py-12 text-center" data-state="empty">
      <svg viewBox="0 0 24 24" className="mx-auto size-10 text-slate-300" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden><path d="M3 7.5 12 3l9 4.5M3 7.5v9L12 21m-9-13.5 9 4.5m0 9 9-4.5v-9M12 21v-9m9-4.5-9 4.5" /></svg>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">{title}</h3>
      {children && <div className="mx-auto mt-1 max-w-md text-sm text-slate-500">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

export function ErrorState({ title = 'Could not load this', error, onRetry }: { title?: string; error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="m-4 rounded-md border border-rose-200 bg-rose-50 px-4 py-3" data-state="error">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h3 className="text-sm font-semibold text-rose-800">{title}</h3>
          <p className="mt-0.5 text-sm text-rose-700">{message}</p>
        </div>
        {onRetry && <Button size="sm" onClick={onRetry}>Try again</Button>}
      </div>
    </div>
  );
}

export function Callout({ tone = 'info', title, children }: { tone?: 'info' | 'warn' | 'error' | 'success'; title?: ReactNode; children?: ReactNode }) {
  const styles = {
    info: 'border-sky-200 bg-sky-50 text-sky-900',
    warn: 'border-amber-200 bg-amber-50 text-amber-900',
    error: 'border-rose-200 bg-rose-50 text-rose-900',
    success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : undefined} className={`rounded-md border px-3.5 py-2.5 text-sm ${styles}`}>
      {title && <div className="font-medium">{title}</div>}
      {children && <div className={title ? 'mt-0.5 opacity-90' : ''}>{children}</div>}
    </div>
  );
}

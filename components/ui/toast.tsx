'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { cn } from './cn';

export interface ToastInput {
  title: string;
  body?: string;
  tone?: 'info' | 'success' | 'error';
  action?: { label: string; href: string };
}
interface Toast extends ToastInput {
  id: number;
}

const ToastContext = createContext<(t: ToastInput) => void>(() => undefined);

export function useToast() {
  return useContext(ToastContext);
}

let seq = 0;

/**
 * Toasts in a polite live region, bottom right; each leaves after 10 s or when dismissed. The
 * region is a manual popover, raised into the top layer for each toast, so that a toast shows
 * above an open modal dialog too.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = region.current;
    if (!el?.showPopover) return;
    if (el.matches(':popover-open')) el.hidePopover();
    if (toasts.length) el.showPopover();
  }, [toasts]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback((t: ToastInput) => {
    const id = ++seq;
    setToasts((ts) => [...ts.slice(-3), { ...t, id }]);
    setTimeout(() => dismiss(id), 10_000);
  }, [dismiss]);
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div ref={region} popover="manual" aria-live="polite" aria-label="Notifications" className="pointer-events-none fixed inset-auto right-4 bottom-4 z-50 m-0 flex w-full max-w-sm flex-col gap-2 overflow-visible border-0 bg-transparent p-0">
        {toasts.map((t) => (
          <div key={t.id} role="status" data-testid="toast" className={cn('pointer-events-auto rounded-lg bg-white p-4 shadow-lg ring-1', t.tone === 'error' ? 'ring-rose-200' : t.tone === 'success' ? 'ring-emerald-200' : 'ring-slate-200')}>
            <div className="flex items-start gap-3">
              <span aria-hidden className={cn('mt-1 size-2 shrink-0 rounded-full', t.tone === 'error' ? 'bg-rose-500' : t.tone === 'success' ? 'bg-emerald-500' : 'bg-indigo-500')} />
              <div className="min-w-0 flex-1">
                <p className="text-sm font-semibold text-slate-900">{t.title}</p>
                {t.body && <p className="mt-0.5 text-sm break-words text-slate-600">{t.body}</p>}
                {t.action && <a href={t.action.href} className="mt-1 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">{t.action.label}</a>}
              </div>
              <button type="button" onClick={() => dismiss(t.id)} className="rounded p-0.5 text-slate-400 hover:text-slate-600" aria-label="Dismiss">✕</button>
            </div>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

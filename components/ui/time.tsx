'use client';

import { useEffect, useState } from 'react';

/** Re-renders every `intervalMs` so that relative times stay true. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const thisYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleString(undefined, { ...(thisYear ? {} : { year: 'numeric' }), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** "12 s ago", live, with the exact time on hover. */
export function Ago({ iso, fallback = 'never' }: { iso: string | null | undefined; fallback?: string }) {
  const now = useNow();
  if (!iso) return <span className="text-slate-400">{fallback}</span>;
  return <time dateTime={iso} title={formatDateTime(iso)}>{formatAgo(now - new Date(iso).getTime())}</time>;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatLagSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  if (s < 1) return s === 0 ? '0 s' : '< 1 s';
  if (s < 120) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  return `${Math.round(s / 60)} min`;
}

/** Time from `start` to `end`, or to now (live) while there is no end yet. */
export function Elapsed({ start, end }: { start: string | null; end: string | null }) {
  const now = useNow();
  if (!start) return <>—</>;
  return <>{formatDuration((end ? new Date(end).getTime() : now) - new Date(start).getTime())}</>;
}

import type { ReactNode } from 'react';
import { cn } from './cn';

export type Tone = 'green' | 'amber' | 'red' | 'slate' | 'blue' | 'violet';

const TONES: Record<Tone, string> = {
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  red: 'bg-rose-50 text-rose-700 ring-rose-600/20',
  slate: 'bg-slate-100 text-slate-600 ring-slate-500/20',
  blue: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  violet: 'bg-violet-50 text-violet-700 ring-violet-600/20',
};
const DOTS: Record<Tone, string> = {
  green: 'bg-emerald-500', amber: 'bg-amber-500', red: 'bg-rose-500', slate: 'bg-slate-400', blue: 'bg-sky-500', violet: 'bg-violet-500',
};

export function Badge({ tone = 'slate', dot, children, className }: { tone?: Tone; dot?: boolean; children: ReactNode; className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', TONES[tone], className)}>
      {dot && <span className={cn('size-1.5 rounded-full', DOTS[tone])} aria-hidden />}
      {children}
    </span>
  );
}

export function StatusDot({ ok, label }: { ok: boolean | null; label: string }) {
  const tone = ok === null ? 'bg-slate-300' : ok ? 'bg-emerald-500' : 'bg-rose-500';
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700">
      <span className={cn('size-2 rounded-full', tone)} aria-hidden />
      <span>{label}</span>
      <span className="sr-only">{ok === null ? 'unknown' : ok ? 'yes' : 'no'}</span>
    </span>
  );
}

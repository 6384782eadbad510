'use client';

import { useEffect, useRef, useState } from 'react';

export interface Series {
  name: string;
  color: string;
  points: { t: number; v: number }[];
}

const PALETTE = ['#6366f1', '#0ea5e9', '#f59e0b', '#10b981', '#ef4444'];
export const seriesColor = (i: number) => PALETTE[i % PALETTE.length];

/** Time series over a fixed window (e.g. the last hour), one line per series, y from 0. */
export function LineChart({ series, from, to, label, unit, height = 200 }: { series: Series[]; from: number; to: number; label: string; unit: string; height?: number }) {
  const box = useRef<HTMLElement>(null);
  const W = useWidth(box, 600);
  const H = height;
  const pad = { l: 44, r: 16, t: 22, b: 22 };
  const maxV = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.v)));
  const niceMax = niceCeil(maxV);
  const x = (t: number) => pad.l + ((t - from) / Math.max(1, to - from)) * (W - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - v / niceMax) * (H - pad.t - pad.b);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * niceMax);
  const timeTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => from + f * (to - from));
  return (
    <figure ref={box}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} className="block max-w-full" role="img" aria-label={label}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} stroke="#e2e8f0" />
            <text x={pad.l - 6} y={y(v) + 3} textAnchor="end" fontSize="10" fill="#64748b">{formatTick(v)}</text>
          </g>
        ))}
        {timeTicks.map((t, i) => (
          <text key={t} x={x(t)} y={H - 6} textAnchor={i === timeTicks.length - 1 ? 'end' : 'middle'} fontSize="10" fill="#64748b">
            {new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false })}
          </text>
        ))}
        <text x={4} y={10} fontSize="10" fill="#94a3b8">{unit}</text>
        {series.map((s) => s.points.length > 0 && (
          <g key={s.name}>
            <polyline fill="none" stroke={s.color} strokeWidth="2" strokeLinejoin="round" points={s.points.map((p) => `${x(p.t)},${y(p.v)}`).join(' ')} />
            {s.points.length === 1 && <circle cx={x(s.points[0].t)} cy={y(s.points[0].v)} r="3" fill={s.color} />}
          </g>
        ))}
      </svg>
      {series.length > 0 && (
        <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
          {series.map((s) => (
            <span key={s.name} className="inline-flex items-center gap-1.5"><span className="h-0.5 w-4 rounded" style={{ background: s.color }} aria-hidden />{s.name}</span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}

/** The element's width in CSS pixels, so that one SVG unit is one pixel and text keeps its size. */
function useWidth(ref: React.RefObject<HTMLElement | null>, fallback: number): number {
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setW(Math.max(240, Math.floor(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return w;
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function formatTick(v: number): string {
  if (v >= 1000) return `${(v / 1000).toFixed(v % 1000 === 0 ? 0 : 1)}k`;
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
}

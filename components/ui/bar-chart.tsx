/** A labelled horizontal-axis bar chart (SVG), e.g. the lag distribution. */
export function BarChart({ data, label, color = '#6366f1', height = 160 }: { data: { label: string; value: number; color?: string }[]; label: string; color?: string; height?: number }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const w = 100 / Math.max(1, data.length);
  return (
    <figure className="w-full">
      <svg viewBox={`0 0 100 ${height / 4}`} preserveAspectRatio="none" className="w-full" style={{ height }} role="img" aria-label={`${label}: ${data.map((d) => `${d.label} ${d.value}`).join(', ')}`}>
        {[0.25, 0.5, 0.75, 1].map((f) => <line key={f} x1="0" x2="100" y1={(height / 4) * (1 - f)} y2={(height / 4) * (1 - f)} stroke="#e2e8f0" strokeWidth="0.15" />)}
        {data.map((d, i) => {
          const h = (d.value / max) * (height / 4 - 1);
          return <rect key={d.label} x={i * w + w * 0.15} width={w * 0.7} y={height / 4 - h} height={h} rx="0.6" fill={d.color ?? color} />;
        })}
      </svg>
      <div className="mt-1.5 grid text-center text-[11px] text-slate-500" style={{ gridTemplateColumns: `repeat(${data.length}, minmax(0, 1fr))` }}>
        {data.map((d) => (
          <div key={d.label} className="min-w-0">
            <div className="font-semibold text-slate-800 tabular-nums">{d.value.toLocaleString()}</div>
            <div className="truncate">{d.label}</div>
          </div>
        ))}
      </div>
    </figure>
  );
}

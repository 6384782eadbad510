import { describeCpuShare } from './cpu-times';
import type { BenchResult } from './result';

const fmt = (v: number | null | undefined, unit = '') => {
  if (v === null || v === undefined) return '-';
  const s = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(v);
  return unit ? `${s} ${unit}` : s;
};

/** The results as a fixed-width text table (what `npm run bench` prints). */
export function formatTable(results: BenchResult[]): string {
  const rows = [['scenario', 'figure', 'goal', 'limit', 'ratio', 'met'],
    ...results.map((r) => [
      r.name,
      r.error ? `failed: ${r.error.slice(0, 60)}` : fmt(r.value, r.unit),
      r.goal,
      fmt(r.limit, r.limit !== undefined ? r.unit : ''),
      r.ratio !== undefined ? `${Math.round(r.ratio * 100)}%` : '-',
      r.met ? 'yes' : 'NO',
    ])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  const details = results.filter((r) => r.detail || r.cpu).map((r) => `  ${r.name}: ${[r.detail, r.cpu && `during the scenario, ${describeCpuShare(r.cpu)}`].filter(Boolean).join('; ')}`);
  return [...out, ...(details.length ? ['', 'details:', ...details] : [])].join('\n');
}

/** The same results as a Markdown table (for the README's Performance section). */
export function formatMarkdown(results: BenchResult[]): string {
  const head = '| scenario | figure | goal | limit | ratio | met |\n|---|---|---|---|---|---|';
  const body = results.map((r) => `| ${r.name} | ${r.error ? 'failed' : fmt(r.value, r.unit)} | ${r.goal} | ${fmt(r.limit, r.limit !== undefined ? r.unit : '')} | ${r.ratio !== undefined ? `${Math.round(r.ratio * 100)}%` : '-'} | ${r.met ? 'yes' : '**no**'} |`);
  return [head, ...body].join('\n');
}

/** Width of the key column: wide enough for the longest reference field (canConnectToKafka). */
export const KEY_WIDTH = 22;
export const INDENT = '    ';

export type KvValue = string | number | boolean | null | undefined;

export function show(value: KvValue): string {
  if (value === null || value === undefined || value === '') return '-';
  return String(value);
}

/** `key   value` lines, aligned on a fixed column so that streamed blocks line up with each other. */
export function kvLines(rows: [string, KvValue][], indent = ''): string {
  return rows.map(([k, v]) => `${indent}${k.padEnd(KEY_WIDTH)} ${show(v)}`.trimEnd() + '\n').join('');
}

/** A table with a header row; columns sized to their widest cell. */
export function table(headers: string[], rows: KvValue[][], indent = ''): string {
  const cells = rows.map((r) => r.map(show));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd() + '\n';
  return line(headers) + cells.map(line).join('');
}

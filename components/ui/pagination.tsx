'use client';

import { Button } from './button';
import { Select } from './field';

export function Pagination({ page, pageSize, total, onPage, onPageSize, sizes = [25, 50, 100, 200] }: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  sizes?: number[];
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-2.5 text-sm text-slate-600">
      <div aria-live="polite">
        <span className="font-medium text-slate-900">{from.toLocaleString()}–{to.toLocaleString()}</span> of{' '}
        <span className="font-medium text-slate-900">{total.toLocaleString()}</span>
      </div>
      <div className="flex items-center gap-2">
        {onPageSize && (
          <label className="flex items-center gap-2 text-xs whitespace-nowrap">
            Rows per page
            <Select className="h-8 w-20 py-0 text-xs" value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
              {sizes.map((s) => <option key={s} value={s}>{s}</option>)}
            </Select>
          </label>
        )}
        <Button size="sm" onClick={() => onPage(1)} disabled={page <= 1} aria-label="First page">«</Button>
        <Button size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1}>Previous</Button>
        <span className="px-1 text-xs">Page {page.toLocaleString()} of {pages.toLocaleString()}</span>
        <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pages}>Next</Button>
        <Button size="sm" onClick={() => onPage(pages)} disabled={page >= pages} aria-label="Last page">»</Button>
      </div>
    </nav>
  );
}

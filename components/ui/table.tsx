import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from './cn';

export function Table({ children, label, className }: { children: ReactNode; label: string; className?: string }) {
  return (
    <div className={cn('overflow-x-auto', className)}>
      <table className="min-w-full border-separate border-spacing-0 text-[13px]" aria-label={label}>{children}</table>
    </div>
  );
}

export function Th({ className, children, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="col" className={cn('sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-2.5 py-2 text-left text-xs font-semibold whitespace-nowrap text-slate-600', className)} {...rest}>
      {children}
    </th>
  );
}

export function Td({ className, children, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('border-b border-slate-100 px-2.5 py-2 align-top whitespace-nowrap text-slate-700', className)} {...rest}>{children}</td>;
}

/** A column header that sorts: a real button, with aria-sort on the header cell. */
export function SortTh({ label, column, sort, order, onSort, className, align }: {
  label: string;
  column: string;
  sort: string;
  order: 'asc' | 'desc';
  onSort: (column: string) => void;
  className?: string;
  align?: 'right';
}) {
  const active = sort === column;
  return (
    <Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} className={cn(align === 'right' && 'text-right', className)}>
      <button type="button" onClick={() => onSort(column)} className={cn('group inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600', active && 'text-slate-900')}>
        {label}
        <span aria-hidden className={cn('text-[10px]', active ? 'text-indigo-600' : 'text-slate-300 group-hover:text-slate-400')}>
          {active ? (order === 'asc' ? '▲' : '▼') : '▲'}
        </span>
        <span className="sr-only">{active ? `, sorted ${order === 'asc' ? 'ascending' : 'descending'}` : ', sort'}</span>
      </button>
    </Th>
  );
}

/** One header over two sortable columns shown together (e.g. lag in events and in time). */
export function MultiSortTh({ label, columns, sort, order, onSort, align }: {
  label: string;
  columns: { column: string; label: string }[];
  sort: string;
  order: 'asc' | 'desc';
  onSort: (column: string) => void;
  align?: 'right';
}) {
  const active = columns.find((c) => c.column === sort);
  return (
    <Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} className={cn(align === 'right' && 'text-right')}>
      <div>{label}</div>
      <div className={cn('-mx-1 mt-0.5 flex gap-0.5', align === 'right' && 'justify-end')}>
      {columns.map((c) => {
        const on = sort === c.column;
        return (
          <button key={c.column} type="button" onClick={() => onSort(c.column)} aria-label={`Sort by ${label.toLowerCase()} in ${c.label}${on ? `, sorted ${order === 'asc' ? 'ascending' : 'descending'}` : ''}`}
            className={cn('inline-flex items-center gap-0.5 rounded px-1 py-0.5 text-[11px] font-medium hover:bg-slate-200/70 focus-visible:outline-2 focus-visible:outline-indigo-600', on ? 'bg-indigo-50 text-indigo-700' : 'text-slate-500')}>
            {c.label}
            <span aria-hidden className={cn('text-[9px]', on ? 'text-indigo-600' : 'text-slate-300')}>{on ? (order === 'asc' ? '▲' : '▼') : '▲'}</span>
          </button>
        );
      })}
      </div>
    </Th>
  );
}

import type { ReactNode } from 'react';
import { cn } from './cn';

export function Card({ children, className, as: Tag = 'section', ...aria }: { children: ReactNode; className?: string; as?: 'section' | 'div'; 'aria-labelledby'?: string }) {
  return <Tag className={cn('rounded-lg bg-white shadow-sm ring-1 ring-slate-200', className)} {...aria}>{children}</Tag>;
}

export function CardHeader({ title, description, actions, id }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-3.5">
      <div className="min-w-0">
        <h2 id={id} className="text-sm font-semibold text-slate-900">{title}</h2>
        {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

export function CardBody({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn('px-5 py-4', className)}>{children}</div>;
}

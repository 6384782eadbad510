'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { NotificationBell } from '@/components/notifications/bell';
import { cn } from '@/components/ui/cn';
import { Icon } from '@/components/ui/icons';
import { useIsGlobalAdmin } from './identity';
import { isActive, NAV } from './nav';
import { QuickFind } from './quick-find';
import { UserMenu } from './user-menu';

export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const isGlobal = useIsGlobalAdmin();
  const items = NAV.filter((n) => isGlobal || !n.globalOnly);
  return (
    <div className="min-h-screen lg:pl-16 2xl:pl-56">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">Skip to content</a>
      <aside className="fixed inset-y-0 left-0 z-30 hidden w-16 flex-col bg-slate-900 lg:flex 2xl:w-56">
        <div className="flex h-14 items-center justify-center gap-2.5 border-b border-white/10 px-4 2xl:justify-start 2xl:px-5">
          <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-indigo-500 text-white" title="Carbonio HA"><Icon name="shield" className="size-4.5" /></span>
          <div className="hidden leading-tight 2xl:block">
            <div className="text-sm font-semibold text-white">Carbonio HA</div>
            <div className="text-[11px] text-slate-400">Active Replica console</div>
          </div>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 px-2 py-4 2xl:px-3">
          {items.map((n) => {
            const active = isActive(pathname, n.href);
            return (
              <Link key={n.href} href={n.href} aria-current={active ? 'page' : undefined} title={n.label}
                className={cn('flex items-center justify-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-400 2xl:justify-start',
                  active ? 'bg-white/10 text-white' : 'text-slate-300 hover:bg-white/5 hover:text-white')}>
                <Icon name={n.icon} className={cn('size-5 shrink-0', active ? 'text-indigo-300' : 'text-slate-400')} />
                <span className="sr-only 2xl:not-sr-only">{n.label}</span>
              </Link>
            );
          })}
        </nav>
        <div className="hidden border-t border-white/10 px-5 py-3 text-[11px] text-slate-500 2xl:block">Metadata streamed through Kafka</div>
      </aside>
      <header className="sticky top-0 z-20 flex h-14 items-center gap-4 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6">
        <nav aria-label="Main" className="flex gap-1 overflow-x-auto lg:hidden">
          {items.map((n) => (
            <Link key={n.href} href={n.href} aria-current={isActive(pathname, n.href) ? 'page' : undefined} aria-label={n.label} title={n.label}
              className={cn('rounded-md p-2', isActive(pathname, n.href) ? 'bg-slate-100 text-indigo-600' : 'text-slate-500 hover:bg-slate-100')}>
              <Icon name={n.icon} className="size-5" />
            </Link>
          ))}
        </nav>
        <div className="hidden flex-1 md:block"><QuickFind /></div>
        <div className="ml-auto flex items-center gap-2">
          {isGlobal && <NotificationBell />}
          <UserMenu />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-[1680px] px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}

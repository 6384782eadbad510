'use client';

import Link from 'next/link';
import { Icon } from '@/components/ui/icons';
import { useUnreadCount } from '@/components/data/use-notifications';

export function NotificationBell() {
  const { data: unread = 0 } = useUnreadCount();
  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  return (
    <Link href="/notifications" aria-label={label} data-testid="notification-bell" className="relative rounded-full p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600">
      <Icon name="bell" />
      {unread > 0 && (
        <span data-testid="unread-count" className="absolute -top-0.5 -right-0.5 flex h-4.5 min-w-4.5 items-center justify-center rounded-full bg-rose-600 px-1 text-[10px] font-semibold text-white ring-2 ring-white">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}

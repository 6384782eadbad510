import type { IconName } from '@/components/ui/icons';

export interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  /** Shown to global administrators only. */
  globalOnly?: boolean;
}

export const NAV: NavItem[] = [
  { href: '/', label: 'Overview', icon: 'overview' },
  { href: '/replicas', label: 'Replicas', icon: 'replicas' },
  { href: '/operations', label: 'Operations', icon: 'operations', globalOnly: true },
  { href: '/history', label: 'Failover history', icon: 'history', globalOnly: true },
  { href: '/notifications', label: 'Notifications', icon: 'bell', globalOnly: true },
  { href: '/audit', label: 'Audit log', icon: 'audit', globalOnly: true },
  { href: '/settings', label: 'Settings', icon: 'settings', globalOnly: true },
];

export function isActive(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`) || (href === '/replicas' && pathname.startsWith('/accounts/'));
}

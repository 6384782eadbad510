import type { StatusFilters } from './status-filters';

/** Every query key of the console, in one factory, so invalidations hit exactly what they mean. */
export const qk = {
  session: () => ['session'] as const,
  overview: () => ['overview'] as const,
  status: {
    all: () => ['status'] as const,
    page: (f: StatusFilters) => ['status', 'page', f] as const,
  },
  accounts: {
    all: () => ['accounts'] as const,
    detail: (name: string) => ['accounts', 'detail', name] as const,
    lag: (name: string) => ['accounts', 'lag', name] as const,
    search: (q: string) => ['accounts', 'search', q] as const,
  },
  mailstores: () => ['mailstores'] as const,
  operations: {
    all: () => ['operations'] as const,
    list: (f: { page: number; state?: string; kind?: string }) => ['operations', 'list', f] as const,
    detail: (id: string) => ['operations', 'detail', id] as const,
  },
  promotions: {
    all: () => ['promotions'] as const,
    list: (f: { page: number; q?: string }) => ['promotions', 'list', f] as const,
  },
  notifications: {
    all: () => ['notifications'] as const,
    list: (f: { unread?: boolean; page: number }) => ['notifications', 'list', f] as const,
    unread: () => ['notifications', 'unread'] as const,
  },
  brokers: () => ['settings', 'brokers'] as const,
  license: () => ['settings', 'license'] as const,
  audit: (f: Record<string, string | number | undefined>) => ['audit', f] as const,
};

import { ACCOUNT_STATUS_SORT } from '@/lib/schemas/commands';

export type StatusSort = (typeof ACCOUNT_STATUS_SORT)[number];

/** The replica status view's state, as it appears in the page URL and in the API query. */
export interface StatusFilters {
  q: string;
  domain: string;
  mailHost: string;
  replicaServer: string;
  accountStatus: '' | 'active' | 'paused';
  replicaStatus: '' | 'available' | 'unavailable';
  replicaState: '' | 'initializing' | 'active' | 'paused' | 'failed' | 'removing';
  sort: StatusSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const DEFAULT_STATUS_FILTERS: StatusFilters = {
  q: '', domain: '', mailHost: '', replicaServer: '', accountStatus: '', replicaStatus: '', replicaState: '',
  sort: 'accountName', order: 'asc', page: 1, pageSize: 50,
};

const oneOf = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T => (v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback);
const int = (v: string | null, fallback: number, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
};

/** Reads the filters from a URL's query; anything unknown or malformed falls back to the default. */
export function parseStatusFilters(p: URLSearchParams): StatusFilters {
  const d = DEFAULT_STATUS_FILTERS;
  return {
    q: (p.get('q') ?? '').slice(0, 320),
    domain: (p.get('domain') ?? '').slice(0, 253),
    mailHost: (p.get('mailHost') ?? '').slice(0, 253),
    replicaServer: (p.get('replicaServer') ?? '').slice(0, 253),
    accountStatus: oneOf(p.get('accountStatus'), ['', 'active', 'paused'] as const, ''),
    replicaStatus: oneOf(p.get('replicaStatus'), ['', 'available', 'unavailable'] as const, ''),
    replicaState: oneOf(p.get('replicaState'), ['', 'initializing', 'active', 'paused', 'failed', 'removing'] as const, ''),
    sort: oneOf(p.get('sort'), ACCOUNT_STATUS_SORT, d.sort),
    order: oneOf(p.get('order'), ['asc', 'desc'] as const, d.order),
    page: int(p.get('page'), d.page, 1_000_000),
    pageSize: int(p.get('pageSize'), d.pageSize, 1000),
  };
}

/** The filters as a query string, leaving defaults out so that shared links stay short. */
export function statusFiltersQuery(f: StatusFilters): string {
  const p = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_STATUS_FILTERS) as (keyof StatusFilters)[]) {
    if (f[key] !== DEFAULT_STATUS_FILTERS[key]) p.set(key, String(f[key]));
  }
  return p.toString();
}

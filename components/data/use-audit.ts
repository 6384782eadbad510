'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditPage } from '@/lib/web/views/audit-log';
import { api } from './api';
import { qk } from './query-keys';

export interface AuditFilters {
  actor: string;
  action: string;
  origin: string;
  result: string;
  from: string;
  to: string;
  page: number;
}

export const DEFAULT_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', origin: '', result: '', from: '', to: '', page: 1 };

export function parseAuditFilters(p: URLSearchParams): AuditFilters {
  const get = (k: string) => (p.get(k) ?? '').slice(0, 320);
  return { actor: get('actor'), action: get('action'), origin: get('origin'), result: get('result'), from: get('from'), to: get('to'), page: Math.max(1, Math.min(100_000, Number(p.get('page')) || 1)) };
}

export function auditFiltersQuery(f: AuditFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== DEFAULT_AUDIT_FILTERS[k as keyof AuditFilters]) p.set(k, String(v));
  return p.toString();
}

/** Date inputs give local days; the API wants instants. */
const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayEnd = (d: string) => (d ? new Date(`${d}T23:59:59.999`).toISOString() : undefined);

export function useAudit(f: AuditFilters) {
  return useQuery({
    queryKey: qk.audit({ ...f }),
    queryFn: () => api.get<AuditPage>('/api/audit', { actor: f.actor, action: f.action, origin: f.origin, result: f.result, from: dayStart(f.from), to: dayEnd(f.to), page: f.page, pageSize: 50 }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

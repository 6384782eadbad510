'use client';

import { useQuery } from '@tanstack/react-query';
import type { OperationDetail, OperationView } from '@/lib/schemas/views';
import { api } from './api';
import { isRunning, operationRefresh } from './operation-refresh';
import { qk } from './query-keys';

export interface OperationPage {
  total: number;
  page: number;
  pageSize: number;
  operations: OperationView[];
}

/** Operations, newest first; refreshed every second while one of them is still running. */
export function useOperations(f: { page: number; pageSize?: number; state?: string; kind?: string }) {
  return useQuery({
    queryKey: qk.operations.list(f),
    queryFn: () => api.get<OperationPage>('/api/operations', { page: f.page, pageSize: f.pageSize ?? 25, state: f.state, kind: f.kind }),
    refetchInterval: (q) => (q.state.data?.operations.some((o) => isRunning(o.state)) ? 1_000 : 5_000),
  });
}

/** One operation with its per-account results; live until it ends. */
export function useOperation(id: string | undefined) {
  return useQuery({
    queryKey: qk.operations.detail(id ?? ''),
    queryFn: () => api.get<OperationDetail>(`/api/operations/${encodeURIComponent(id!)}`),
    enabled: !!id,
    refetchInterval: (q) => operationRefresh(q.state.data, q.state.dataUpdateCount),
  });
}

'use client';

import { useQuery } from '@tanstack/react-query';
import type { PromotionRecordView } from '@/lib/schemas/views';
import { api } from './api';
import { qk } from './query-keys';

export interface PromotionPage {
  total: number;
  page: number;
  pageSize: number;
  promotions: PromotionRecordView[];
}

export function usePromotions(f: { page: number; pageSize?: number; q?: string }) {
  return useQuery({
    queryKey: qk.promotions.list(f),
    queryFn: () => api.get<PromotionPage>('/api/promotions', { page: f.page, pageSize: f.pageSize ?? 25, q: f.q }),
    refetchInterval: 10_000,
  });
}

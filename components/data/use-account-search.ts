'use client';

import { useQuery } from '@tanstack/react-query';
import type { AccountHit } from '@/lib/web/views/account-search';
import { api } from './api';
import { qk } from './query-keys';

export function useAccountSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: qk.accounts.search(text),
    queryFn: () => api.get<AccountHit[]>('/api/accounts/search', { q: text }),
    enabled: text.length >= 2,
    staleTime: 10_000,
  });
}

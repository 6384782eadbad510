'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AccountStatusPage } from '@/lib/schemas/views';
import { api } from './api';
import { qk } from './query-keys';
import { statusFiltersQuery, type StatusFilters } from './status-filters';

/** One page of the replica status table, server-side filtered, sorted and paged; refreshed every 5 s. */
export function useAccountStatus(f: StatusFilters) {
  return useQuery({
    queryKey: qk.status.page(f),
    queryFn: () => {
      const qs = statusFiltersQuery(f);
      return api.get<AccountStatusPage>(qs ? `/api/accounts?${qs}` : '/api/accounts');
    },
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

'use client';

import { useQuery } from '@tanstack/react-query';
import type { AccountStatusView } from '@/lib/schemas/views';
import type { AccountActivityItem, LagPoint } from '@/lib/web/views/account-activity';
import { api } from './api';
import { qk } from './query-keys';

export interface AccountDetail {
  account: { id: string; name: string; mailHost: string; epoch: number; kind: string; domain: string };
  /** Null when the account has no replica (getAccountStatus lists replicated accounts only). */
  status: AccountStatusView | null;
  activity: AccountActivityItem[];
  readAt: string;
}

export function useAccount(name: string) {
  return useQuery({
    queryKey: qk.accounts.detail(name),
    queryFn: () => api.get<AccountDetail>(`/api/accounts/${encodeURIComponent(name)}`),
    refetchInterval: 3_000,
  });
}

export function useAccountLag(name: string) {
  return useQuery({
    queryKey: qk.accounts.lag(name),
    queryFn: () => api.get<{ points: LagPoint[]; from: string; to: string }>(`/api/accounts/${encodeURIComponent(name)}/lag`),
    refetchInterval: 30_000,
  });
}

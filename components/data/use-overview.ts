'use client';

import { useQuery } from '@tanstack/react-query';
import type { OverviewView } from '@/lib/web/views/overview';
import { api } from './api';
import { qk } from './query-keys';

export function useOverview() {
  return useQuery({ queryKey: qk.overview(), queryFn: () => api.get<OverviewView>('/api/overview'), refetchInterval: 5_000 });
}

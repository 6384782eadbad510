'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BrokersView } from '@/lib/ha/config-brokers';
import type { BrokerTestReport } from '@/lib/ha/test-brokers';
import type { LicenseInfoView } from '@/lib/schemas/views';
import { api } from './api';
import { qk } from './query-keys';

export function useBrokers() {
  return useQuery({ queryKey: qk.brokers(), queryFn: () => api.get<BrokersView>('/api/settings/brokers') });
}

export function useTestBrokers() {
  return useMutation({
    mutationFn: (input: { brokers: string; authentication?: string }) => api.post<BrokerTestReport>('/api/settings/brokers/test', input),
  });
}

export function useSaveBrokers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (brokers: string) => api.put<BrokersView>('/api/settings/brokers', { brokers }),
    onSuccess: (data) => {
      qc.setQueryData(qk.brokers(), data);
      return Promise.all([qc.invalidateQueries({ queryKey: qk.brokers() }), qc.invalidateQueries({ queryKey: qk.mailstores() })]);
    },
  });
}

export function useLicense() {
  return useQuery({ queryKey: qk.license(), queryFn: () => api.get<LicenseInfoView>('/api/license'), refetchInterval: 30_000 });
}

'use client';

import { useQuery } from '@tanstack/react-query';
import type { MailstoreView } from '@/lib/web/views/mailstores';
import { api } from './api';
import { qk } from './query-keys';

export function useMailstores(opts: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: qk.mailstores(), queryFn: () => api.get<MailstoreView[]>('/api/mailstores'), refetchInterval: 5_000, enabled: opts.enabled ?? true });
}

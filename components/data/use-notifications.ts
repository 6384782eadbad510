'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationView } from '@/lib/schemas/views';
import { api } from './api';
import { qk } from './query-keys';

export interface NotificationPage {
  total: number;
  unread: number;
  page: number;
  pageSize: number;
  notifications: NotificationView[];
}

export function useNotifications(f: { unread?: boolean; page: number; pageSize?: number }) {
  return useQuery({
    queryKey: qk.notifications.list(f),
    queryFn: () => api.get<NotificationPage>('/api/notifications', { unread: f.unread ? 'true' : undefined, page: f.page, pageSize: f.pageSize ?? 20 }),
  });
}

/** The unread count: pushed by the event stream (NotificationStream sets it), fetched once otherwise. */
export function useUnreadCount() {
  return useQuery({
    queryKey: qk.notifications.unread(),
    queryFn: async () => (await api.get<NotificationPage>('/api/notifications', { unread: 'true', page: 1, pageSize: 1 })).unread,
    staleTime: 60_000,
  });
}

export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { ids: number[] } | { all: true }) => api.post<{ updated: number; unread: number }>('/api/notifications/read', input),
    onSuccess: (r) => {
      qc.setQueryData(qk.notifications.unread(), r.unread);
      return qc.invalidateQueries({ queryKey: qk.notifications.all() });
    },
  });
}

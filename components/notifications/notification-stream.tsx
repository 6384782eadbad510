'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { NotificationView } from '@/lib/schemas/views';
import { qk } from '@/components/data/query-keys';
import { hardNavigate } from '@/components/ui/navigate';
import { useToast } from '@/components/ui/toast';

/**
 * Listens to the server's notification stream (Server-Sent Events): each new notification
 * becomes a toast, the unread count is pushed, and the data an ended operation changed is
 * refetched. EventSource reconnects by itself after a drop.
 */
export function NotificationStream() {
  const qc = useQueryClient();
  const toast = useToast();
  useEffect(() => {
    const es = new EventSource('/api/notifications/stream');
    es.addEventListener('unread', (e) => {
      const { unread } = JSON.parse((e as MessageEvent).data) as { unread: number };
      qc.setQueryData(qk.notifications.unread(), unread);
    });
    es.addEventListener('notification', (e) => {
      const n = JSON.parse((e as MessageEvent).data) as NotificationView;
      toast({
        title: n.title,
        body: n.body,
        tone: /fail|error/i.test(n.kind) ? 'error' : 'success',
        action: n.operationId ? { label: 'View operation', href: `/operations/${n.operationId}` } : undefined,
      });
      void qc.invalidateQueries({ queryKey: qk.notifications.all() });
      void qc.invalidateQueries({ queryKey: qk.operations.all() });
      void qc.invalidateQueries({ queryKey: qk.status.all() });
      void qc.invalidateQueries({ queryKey: qk.overview() });
      void qc.invalidateQueries({ queryKey: qk.promotions.all() });
      void qc.invalidateQueries({ queryKey: qk.accounts.all() });
    });
    es.addEventListener('session-ended', () => {
      es.close();
      hardNavigate('/login');
    });
    return () => es.close();
  }, [qc, toast]);
  return null;
}

'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { AdminIdentity } from '@/lib/auth/admin-users';
import { makeQueryClient } from '@/components/data/query-client';
import { NotificationStream } from '@/components/notifications/notification-stream';
import { ToastProvider } from '@/components/ui/toast';
import { IdentityProvider } from './identity';

export function Providers({ identity, children }: { identity: AdminIdentity; children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <IdentityProvider identity={identity}>
        <ToastProvider>
          {identity.role === 'global_admin' && <NotificationStream />}
          {children}
        </ToastProvider>
      </IdentityProvider>
    </QueryClientProvider>
  );
}

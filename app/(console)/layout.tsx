import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { Providers } from '@/components/layout/providers';
import { requireAdmin } from './_lib/require-admin';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const identity = await requireAdmin();
  return (
    <Providers identity={identity}>
      <AppShell>{children}</AppShell>
    </Providers>
  );
}

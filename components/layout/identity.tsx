'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { AdminIdentity } from '@/lib/auth/admin-users';

const IdentityContext = createContext<AdminIdentity | null>(null);

export function IdentityProvider({ identity, children }: { identity: AdminIdentity; children: ReactNode }) {
  return <IdentityContext.Provider value={identity}>{children}</IdentityContext.Provider>;
}

/** The signed-in administrator (the console layout guarantees there is one). */
export function useIdentity(): AdminIdentity {
  const id = useContext(IdentityContext);
  if (!id) throw new Error('useIdentity outside the console layout');
  return id;
}

export function useIsGlobalAdmin(): boolean {
  return useIdentity().role === 'global_admin';
}

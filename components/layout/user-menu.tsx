'use client';

import { useState } from 'react';
import { api, stopSignInRedirects } from '@/components/data/api';
import { Icon } from '@/components/ui/icons';
import { hardNavigate } from '@/components/ui/navigate';
import { useIdentity } from './identity';

export function UserMenu() {
  const me = useIdentity();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    stopSignInRedirects();
    try {
      await api.post('/api/auth/logout');
    } catch {
      // The session may already be gone: the sign-in page is the right place either way.
    }
    hardNavigate('/login');
  };
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right sm:block">
        <div className="text-sm font-medium text-slate-900" data-testid="current-user">{me.email}</div>
        <div className="text-xs text-slate-500">{me.role === 'global_admin' ? 'Global administrator' : `Domain administrator · ${me.domains.join(', ')}`}</div>
      </div>
      <button type="button" onClick={signOut} disabled={busy} className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
        <Icon name="logout" className="size-4" />
        Sign out
      </button>
    </div>
  );
}

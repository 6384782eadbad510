'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Icon } from '@/components/ui/icons';

/** Find an account from anywhere: opens the replica table filtered by the text. */
export function QuickFind() {
  const router = useRouter();
  const [q, setQ] = useState('');
  return (
    <form role="search" className="relative w-full max-w-md" onSubmit={(e) => {
      e.preventDefault();
      router.push(q.trim() ? `/replicas?q=${encodeURIComponent(q.trim())}` : '/replicas');
    }}>
      <label htmlFor="quick-find" className="sr-only">Find an account</label>
      <span className="pointer-events-none absolute inset-y-0 left-0 flex items-center pl-3 text-slate-400"><Icon name="search" className="size-4" /></span>
      <input id="quick-find" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Find an account…" autoComplete="off"
        className="h-9 w-full rounded-md border-0 bg-slate-100 pr-3 pl-9 text-sm text-slate-900 placeholder:text-slate-500 focus:bg-white focus:ring-2 focus:ring-indigo-600 focus:outline-none" />
    </form>
  );
}

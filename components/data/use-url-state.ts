'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

/**
 * State kept in the page URL, so that a view can be bookmarked and shared: `parse` reads it,
 * `set` writes a new query (replace, no history entry per keystroke; scroll kept).
 */
export function useUrlState<T>(parse: (p: URLSearchParams) => T, serialize: (v: T) => string) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const value = useMemo(() => parse(new URLSearchParams(params.toString())), [params, parse]);
  const set = useCallback((next: T) => {
    const qs = serialize(next);
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }, [router, pathname, serialize]);
  return [value, set] as const;
}

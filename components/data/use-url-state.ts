'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef } from 'react';

type Next<T> = T | ((prev: T) => T);

/**
 * State kept in the page URL, so that a view can be bookmarked and shared: `parse` reads it,
 * `set` writes a new query (replace, no history entry per keystroke; scroll kept).
 *
 * `set` also takes an updater. It applies to the last value asked for, not to the value of the
 * last render: the router commits a replace asynchronously, so two quick changes (an action,
 * then a result filter) would otherwise each start from the old URL and the second would undo
 * the first.
 */
export function useUrlState<T>(parse: (p: URLSearchParams) => T, serialize: (v: T) => string) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = params.toString();
  const value = useMemo(() => parse(new URLSearchParams(query)), [query, parse]);
  const latest = useRef(value);
  useEffect(() => { latest.current = value; }, [value]);
  const set = useCallback((next: Next<T>) => {
    const resolved = typeof next === 'function' ? (next as (prev: T) => T)(latest.current) : next;
    const qs = serialize(resolved);
    latest.current = resolved;
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }, [router, pathname, serialize]);
  return [value, set] as const;
}

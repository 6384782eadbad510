import { hardNavigate } from '@/components/ui/navigate';

/** A failed API call, with the core's error code and its per-field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: { field: string; message: string }[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** Client errors (4xx) will not change by trying again. */
  get isClientError() {
    return this.status >= 400 && this.status < 500;
  }
  problemFor(field: string): string | undefined {
    return this.problems.find((p) => p.field === field)?.message;
  }
}

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));
    else qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

let redirectOnUnauthenticated = true;

/** Signing out: the 401s of queries still in flight must not send the page to sign-in with a "next". */
export function stopSignInRedirects() {
  redirectOnUnauthenticated = false;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'The console server does not answer. Check that it is running, then try again.');
  }
  const text = await res.text();
  let json: { error?: { code: string; message: string; problems?: { field: string; message: string }[]; retryAfterSeconds?: number } } | undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    if (res.status === 401 && redirectOnUnauthenticated && typeof window !== 'undefined' && !path.startsWith('/api/auth/')) {
      hardNavigate(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    const e = json?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `The server answered ${res.status}.`, e?.problems ?? [], e?.retryAfterSeconds);
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};

import { expect, request, type APIRequestContext } from '@playwright/test';
import type { AccountStatusPage, OperationDetail, OperationRef } from '../../lib/schemas/views';
import { generatedLocalPart } from '../../lib/seed/names';
import { DEMO_MAILSTORES, GENERATED_DOMAIN } from '../../lib/seed/topology';
import { E2E } from './e2e-stack';

/** The seeded generated account number n and its source mailstore (lib/seed/seed-directory.ts). */
export function generated(n: number): { name: string; host: string } {
  return { name: `${generatedLocalPart(n)}@${GENERATED_DOMAIN}`, host: DEMO_MAILSTORES[n % DEMO_MAILSTORES.length] };
}

/** Another mailstore than `host`, for a replica. */
export function otherThan(host: string): string {
  return DEMO_MAILSTORES.find((h) => h !== host)!;
}

/**
 * An API client signed in as the global administrator, to prepare what a spec needs (the flow
 * under test itself always goes through the browser).
 */
export async function adminApi(baseURL: string, who = E2E.admin): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL).origin } });
  const res = await api.post('/api/auth/login', { data: who });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

export async function waitOperation(api: APIRequestContext, id: string, timeoutMs = 120_000): Promise<OperationDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const op = (await (await api.get(`/api/operations/${id}`)).json()) as OperationDetail;
    if (['succeeded', 'partial', 'failed'].includes(op.state)) return op;
    if (Date.now() > deadline) throw new Error(`operation ${id} still ${op.state} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Replicates accounts to `destination` (those not replicated there yet) and waits until every replica is active. */
export async function replicate(api: APIRequestContext, destination: string, names: string[], priority = 10) {
  const page = (await (await api.get(`/api/accounts?accounts=${encodeURIComponent(names.join(','))}&pageSize=1000`)).json()) as AccountStatusPage;
  const done = new Set(page.accounts.filter((a) => a.replicas.some((r) => r.destination === destination && r.state === 'active')).map((a) => a.accountName));
  const accounts = names.filter((n) => !done.has(n));
  if (accounts.length === 0) return undefined;
  const res = await api.post('/api/replicas/destination', { data: { destination, priority, accounts } });
  expect(res.status(), await res.text()).toBe(200);
  const op = await waitOperation(api, ((await res.json()) as OperationRef).operationId);
  expect(op.state, JSON.stringify(op.items.filter((i) => i.state !== 'succeeded'))).toBe('succeeded');
  return op;
}

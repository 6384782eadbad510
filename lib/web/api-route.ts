import type { z } from 'zod';
import type { AdminIdentity } from '../auth/admin-users';
import type { HaContext } from '../ha/context';
import { createLogger } from '../log/logger';
import { actorOf, authenticate, enforceAccess, type Access } from './authenticate';
import { consoleContext } from './console-context';
import { assertSameOrigin } from './origin-check';
import { parseJsonBody, parseQuery } from './parse';
import { errorResponse, jsonResponse } from './respond';

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  access: Access;
  /** A POST that changes nothing (verify): allowed to a domain administrator within its domains. */
  readOnlyAction?: boolean;
  body?: B;
  query?: Q;
}

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteArgs<B, Q> {
  request: Request;
  ctx: HaContext;
  identity: AdminIdentity;
  body: B;
  query: Q;
  params: Record<string, string>;
}

/** What Next.js passes as the second argument of a route handler. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

const log = createLogger('console');

async function paramsOf(context: RouteContext | undefined): Promise<Record<string, string>> {
  const raw = (await context?.params) ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : (v ?? '')]));
}

/**
 * Every console API route goes through here: session check (401), role check (403), CSRF
 * origin check on mutations (403), zod parsing of body and query (400 with one problem per
 * field), the handler with a per-request HaContext carrying the actor, and HaError mapping.
 * The handler returns JSON data, or a Response of its own (streams).
 */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<B, Q>,
  handler: (args: RouteArgs<Parsed<B>, Parsed<Q>>) => Promise<unknown>,
) {
  return async function route(request: Request, context?: RouteContext): Promise<Response> {
    try {
      const identity = await authenticate(request.headers.get('cookie'), () => consoleContext().prisma);
      enforceAccess(identity, spec.access, spec.readOnlyAction ? 'GET' : request.method);
      assertSameOrigin(request);
      const body = (spec.body ? await parseJsonBody(request, spec.body) : undefined) as Parsed<B>;
      const query = (spec.query ? parseQuery(request.url, spec.query) : undefined) as Parsed<Q>;
      const ctx = consoleContext().withActor(actorOf(identity, request));
      const result = await handler({ request, ctx, identity, body, query, params: await paramsOf(context) });
      return result instanceof Response ? result : jsonResponse(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err, log);
    }
  };
}

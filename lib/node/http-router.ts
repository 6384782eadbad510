import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, httpStatusOf, toHaError, ValidationError } from '../errors';
import type { Logger } from '../log/logger';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  raw: IncomingMessage;
}
export type RouteHandler = (req: RouteRequest) => Promise<unknown>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

const MAX_BODY = 32 * 1024 * 1024;

/** A minimal JSON router for the node's HTTP API: errors map through lib/errors. */
export class HttpRouter {
  private readonly routes: Route[] = [];

  constructor(private readonly log: Logger) {}

  add(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, handler: RouteHandler) {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/:([A-Za-z]+)/g, (_, k: string) => {
        keys.push(k);
        return '([^/]+)';
      }) + '$',
    );
    this.routes.push({ method, pattern, keys, handler });
  }

  async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://node');
    const route = this.routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) return send(res, 404, { error: { code: 'not_found', message: `No route ${req.method} ${url.pathname}` } });
    const m = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
    try {
      const body = req.method === 'GET' || req.method === 'DELETE' ? undefined : await readJson(req);
      const result = await route.handler({ params, query: url.searchParams, body, raw: req });
      send(res, 200, result ?? { ok: true });
    } catch (err) {
      const e = toHaError(err);
      if (e.code === 'internal') this.log.error({ err, path: url.pathname }, 'request failed');
      send(res, httpStatusOf(e), errorBody(e));
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw ValidationError.single('body', `request body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw ValidationError.single('body', 'request body is not valid JSON');
  }
}

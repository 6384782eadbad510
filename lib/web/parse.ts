import type { z } from 'zod';
import { ValidationError, type Problem } from '../errors';

/** Enough for 100,000 account names in one request, and not much more. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.slice(0, 100).map((i) => ({ field: i.path.length ? i.path.join('.') : 'body', message: i.message }));
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = problemsOf(r.error);
  throw new ValidationError(`Invalid ${what}: ${problems.slice(0, 3).map((p) => `${p.field}: ${p.message}`).join('; ')}${problems.length > 3 ? '; ...' : ''}`, problems);
}

/** Reads a JSON body (bounded in size) and validates it. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw ValidationError.single('body', `request body over ${MAX_BODY_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw ValidationError.single('body', `request body over ${MAX_BODY_BYTES} bytes`);
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw ValidationError.single('body', 'request body is not valid JSON');
  }
  return parseWith(schema, value, 'request');
}

/** Query string to a plain object: a key given twice becomes an array. */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function parseQuery<S extends z.ZodType>(url: string, schema: S): z.infer<S> {
  return parseWith(schema, searchParamsObject(new URL(url).searchParams), 'query');
}

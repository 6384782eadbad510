import type { z } from 'zod';
import { ValidationError } from '../../errors';

/** Parses a command's input with its zod schema; every issue becomes one problem of a ValidationError. */
export function parseCommandInput<S extends z.ZodType>(command: string, schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.slice(0, 50).map((i) => ({ field: i.path.join('.') || 'input', message: `${i.path.join('.') || 'input'}: ${i.message}` }));
  throw new ValidationError(`${command} refused, nothing changed: ${problems.map((p) => p.message).join('; ')}`, problems);
}

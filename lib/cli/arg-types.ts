import { z } from 'zod';
import { ValidationError } from '../errors';
import { HOSTNAME } from '../schemas/common';
import type { RawArgs } from './params';

// Zod types for the raw strings of the command line: each names the parameter in its message.

export const hostArg = (name: string) =>
  z.string().trim().regex(HOSTNAME, { error: (i) => `${name} must be a mailstore host name (FQDN), got "${String(i.input)}"` });

export const intArg = (name: string, min = 0, max = 1_000_000) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/, { error: (i) => `${name} must be an integer, got "${String(i.input)}"` })
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be ${min} or more`).max(max, `${name} must be ${max} or less`));

/** A comma-separated list: spaces around entries and empty entries are ignored. */
export const listArg = (name: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string()).min(1, `${name} needs at least one value`));

export const boolArg = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((s) => s === 'true' || s === 'false', { error: (i) => `${name} must be true or false, got "${String(i.input)}"` })
    .transform((s) => s === 'true');

export const uuidArg = (name: string) => z.string().trim().pipe(z.uuid({ error: (i) => `${name} must be an operation UUID, got "${String(i.input)}"` }));

export const choiceArg = <T extends string>(name: string, values: readonly [T, ...T[]]) =>
  z.enum(values, { error: (i) => `${name} must be one of ${values.join(', ')}, got "${String(i.input)}"` });

/** Parses the raw arguments; every problem becomes one line of a ValidationError. */
export function parseArgs<A>(schema: z.ZodType<A, RawArgs>, raw: RawArgs): A {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'arguments'), message: i.message }));
  throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
}

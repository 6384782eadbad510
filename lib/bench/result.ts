import { z } from 'zod';

/**
 * One line of the benchmark's JSON output (a list of these): the figure, its unit, the goal
 * it is held to, the machine's limit and the ratio to it where the scenario has one, and
 * whether the goal was met. `detail` carries the secondary figures (p50 beside a p99, sizes);
 * `cpu`, the machine's CPU during the scenario (busy, and stolen by the hypervisor).
 * A scenario that could not run has `value: null`, `met: false` and the `error`.
 */
export const BenchResultSchema = z.object({
  name: z.string().min(1),
  value: z.number().finite().nullable(),
  unit: z.string().min(1),
  goal: z.string().min(1),
  limit: z.number().finite().positive().optional(),
  ratio: z.number().finite().nonnegative().optional(),
  met: z.boolean(),
  detail: z.string().optional(),
  cpu: z.object({ busyPercent: z.number().min(0).max(100), stealPercent: z.number().min(0).max(100) }).strict().optional(),
  error: z.string().optional(),
}).strict();
export type BenchResult = z.infer<typeof BenchResultSchema>;

export const BenchResultsSchema = z.array(BenchResultSchema).min(1);

/** A goal as text (for the table and JSON) and as a check of the figure and its ratio. */
export interface Goal {
  text: string;
  met(value: number, ratio?: number): boolean;
}

export const atLeast = (min: number, unit: string, minRatio?: number): Goal => ({
  text: `≥ ${min.toLocaleString('en-US')} ${unit}${minRatio !== undefined ? ` and ≥ ${Math.round(minRatio * 100)}% of the limit` : ''}`,
  met: (v, r) => v >= min && (minRatio === undefined || (r !== undefined && r >= minRatio)),
});

export const ratioAtLeast = (minRatio: number): Goal => ({
  text: `≥ ${Math.round(minRatio * 100)}% of the limit`,
  met: (_v, r) => r !== undefined && r >= minRatio,
});

export const below = (max: number, unit: string, what = ''): Goal => ({
  text: `${what ? `${what} ` : ''}< ${max.toLocaleString('en-US')} ${unit}`,
  met: (v) => v < max,
});

/** Builds a result: rounds the figure, computes the ratio to the limit and checks the goal. */
export function result(o: { name: string; value: number; unit: string; goal: Goal; limit?: number; detail?: string; digits?: number }): BenchResult {
  const f = 10 ** (o.digits ?? 0);
  const value = Math.round(o.value * f) / f;
  const ratio = o.limit !== undefined && o.limit > 0 ? Math.round((o.value / o.limit) * 1000) / 1000 : undefined;
  const limit = o.limit !== undefined && o.limit > 0 ? Math.round(o.limit * f) / f : undefined;
  return {
    name: o.name, value, unit: o.unit, goal: o.goal.text,
    ...(limit !== undefined ? { limit, ratio } : {}),
    met: Number.isFinite(o.value) && o.goal.met(o.value, ratio),
    ...(o.detail ? { detail: o.detail } : {}),
  };
}

/** The line of a scenario that could not run. */
export function failedResult(name: string, unit: string, goal: Goal, err: unknown): BenchResult {
  return { name, value: null, unit, goal: goal.text, met: false, error: err instanceof Error ? err.message : String(err) };
}

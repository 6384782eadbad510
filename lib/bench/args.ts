import { z } from 'zod';
import { parseBrokerList } from '../kafka';
import { SCENARIO_NAMES, type ScenarioName } from './scenario-names';

const Args = z.object({
  out: z.string().min(1, '--out needs a file name').optional(),
  quick: z.boolean().default(false),
  profile: z.enum(['full', 'quick', 'tiny']).optional(),
  only: z.string().optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(SCENARIO_NAMES as unknown as [ScenarioName, ...ScenarioName[]], { error: () => `--only takes scenario ids among: ${SCENARIO_NAMES.join(', ')}` })).optional()),
  brokers: z.string().optional().transform((s) => (s ? parseBrokerList(s) : undefined)),
  dbPrefix: z.string().regex(/^[a-z0-9_]+_$/, '--db-prefix is lowercase letters, digits and _, ending with _').default('bench_'),
  consolePort: z.coerce.number().int().min(0).max(65535).default(0),
}).strict();
export type BenchArgs = z.infer<typeof Args> & { profileName: 'full' | 'quick' | 'tiny' };

export const USAGE = `npm run bench [-- --quick] [--out FILE] [--only ${SCENARIO_NAMES.slice(0, 2).join(',')},...] [--brokers host:port] [--db-prefix bench_] [--profile full|quick|tiny]`;

/** Parses `--flag value` arguments (boolean flags take none); throws with the usage on a mistake. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument "${argv[i]}" (usage: ${USAGE})`);
    const key = m[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (key === 'quick') raw.quick = true;
    else {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`--${m[1]} needs a value (usage: ${USAGE})`);
      raw[key] = v;
    }
  }
  const r = Args.safeParse(raw);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.length ? `--${String(i.path[0])}` : 'arguments'}: ${i.message}`).join('; '));
  return { ...r.data, profileName: r.data.profile ?? (r.data.quick ? 'quick' : 'full') };
}

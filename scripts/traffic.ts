// npm run traffic -- --accounts a@x,b@y --rate 200 --seconds 30 --acked-log FILE
// Runs a realistic mix of mailbox operations against each account's current mailstore
// (following promotions) and appends every acknowledged operation to FILE as JSON lines.
import { z } from 'zod';
import { haDbUrl } from '../lib/config/targets';
import { toHaError, exitCodeOf } from '../lib/errors';
import { createLogger } from '../lib/log/logger';
import { runTraffic } from '../lib/traffic/run-traffic';

const Args = z.object({
  accounts: z.string({ error: '--accounts is required: a comma-separated list of account names' })
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.string().email('each account must be an exact address')).min(1, 'give at least one account')),
  rate: z.coerce.number().positive('--rate is operations per second, above 0').max(100_000).default(20),
  seconds: z.coerce.number().positive('--seconds must be above 0').max(86_400).default(30),
  ackedLog: z.string().min(1).optional(),
  concurrency: z.coerce.number().int().min(1).max(64).default(2),
  quiet: z.coerce.boolean().default(false),
});

function parseArgs(argv: string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument "${argv[i]}" (usage: --accounts a@x,b@y --rate 200 --seconds 30 --acked-log FILE)`);
    const key = m[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    raw[key] = key === 'quiet' ? 'true' : argv[++i] ?? '';
  }
  const r = Args.safeParse(raw);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; '));
  return r.data;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`traffic: ${(err as Error).message}`);
    return 2;
  }
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  try {
    const counts = await runTraffic({
      haDbUrl: haDbUrl(), accounts: args.accounts, rate: args.rate, seconds: args.seconds, ackedLog: args.ackedLog,
      perAccountConcurrency: args.concurrency, signal: abort.signal, log: createLogger('traffic'),
      onProgress: args.quiet ? undefined : (c) => console.error(`[traffic] ${(c.elapsedMs / 1000).toFixed(0)} s: ${c.acked} acknowledged (${c.replicated} replicated), ${c.failed} failed ${JSON.stringify(c.errors)}`),
    });
    console.log(JSON.stringify(counts, null, 2));
    return 0;
  } catch (err) {
    console.error(`traffic: ${toHaError(err).message}`);
    return exitCodeOf(err);
  }
}

process.exit(await main());

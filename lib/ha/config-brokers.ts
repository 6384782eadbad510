import { audited } from '../audit/record-audit';
import { parseBrokerList } from '../kafka';
import { SetBrokersInput } from '../schemas/commands';
import { ValidationError } from '../errors';
import { BROKERS_KEY } from './cluster-client';
import type { HaContext } from './context';

export interface BrokersView {
  /** The configured brokers, host:port, in the order given; empty when none is configured. */
  brokers: string[];
  /** When they were last changed (ISO 8601), null when never set. */
  updatedAt: string | null;
}

/** The Kafka brokers every mailstore node and the core connect to (global config key `brokers`). */
export async function getBrokers(ctx: HaContext): Promise<BrokersView> {
  const row = await ctx.prisma.globalConfig.findUnique({ where: { key: BROKERS_KEY } });
  if (!row) return { brokers: [], updatedAt: null };
  return { brokers: parseBrokerList(row.value), updatedAt: row.updatedAt.toISOString() };
}

/**
 * Replaces the broker list after validating every entry as host:port (port 1-65535, no
 * duplicates). Running nodes re-read it within about 2 s (lib/node/kafka-link.ts) and reconnect:
 * no restart is needed. Reachability is not required here (the CLI and the console test it
 * and warn); a list that fails validation changes nothing.
 */
export async function setBrokers(ctx: HaContext, input: { brokers: string }): Promise<BrokersView> {
  return audited(ctx, 'config.setBrokers', input, async () => {
    const parsed = SetBrokersInput.safeParse(input);
    if (!parsed.success) throw ValidationError.single('brokers', 'give the brokers as "host1:9092,host2:9092" (at most 4000 characters)');
    const brokers = parseBrokerList(parsed.data.brokers);
    const seen = new Set<string>();
    const dups = brokers.filter((b) => (seen.has(b.toLowerCase()) ? true : (seen.add(b.toLowerCase()), false)));
    if (dups.length) {
      const problems = [...new Set(dups)].map((b) => ({ field: 'brokers', message: `"${b}" is listed more than once` }));
      throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
    }
    const value = brokers.join(',');
    const row = await ctx.prisma.globalConfig.upsert({ where: { key: BROKERS_KEY }, create: { key: BROKERS_KEY, value }, update: { value } });
    return { brokers, updatedAt: row.updatedAt.toISOString() };
  }, (r) => `brokers set to ${r.brokers.join(',')}`);
}

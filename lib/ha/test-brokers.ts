import { audited } from '../audit/record-audit';
import { checkBrokers, parseBrokerList, securityFromEnv, type BrokerCheck, type KafkaSettings } from '../kafka';
import { TestBrokersInput } from '../schemas/commands';
import { ValidationError } from '../errors';
import type { HaContext } from './context';

export interface BrokerTestReport {
  brokers: BrokerCheck[];
  /** True when every broker answered as a Kafka broker. */
  allReachable: boolean;
}

const MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * Parses `authentication MECHANISM:USERNAME:PASSWORD` (mechanism plain, scram-sha-256 or
 * scram-sha-512; the password may itself contain ':'). Without it, the SASL settings of the
 * environment apply, as for the nodes.
 */
export function parseAuthentication(value: string): NonNullable<KafkaSettings['sasl']> {
  const [mechanism, username, ...rest] = value.split(':');
  const password = rest.join(':');
  const m = mechanism?.toLowerCase() as (typeof MECHANISMS)[number];
  if (!MECHANISMS.includes(m) || !username || !password) {
    throw ValidationError.single('authentication', `authentication must be MECHANISM:USERNAME:PASSWORD with MECHANISM one of ${MECHANISMS.join(', ')}`);
  }
  return { mechanism: m, username, password };
}

/**
 * Connects to each broker on its own (TCP, then a Kafka metadata request) and reports each one.
 * Never throws for an unreachable broker: the report says which ones failed and why. Audited.
 */
export async function testBrokers(ctx: HaContext, input: { brokers: string; authentication?: string }, timeoutMs = 3000): Promise<BrokerTestReport> {
  return audited(ctx, 'config.testBrokers', input, () => probeBrokers(input, timeoutMs),
    (r) => `${r.brokers.filter((b) => b.reachable).length}/${r.brokers.length} brokers reachable`);
}

/** The same check without an audit row (a command that already audits itself uses it as a step). */
export async function probeBrokers(input: { brokers: string; authentication?: string }, timeoutMs = 3000): Promise<BrokerTestReport> {
  const parsed = TestBrokersInput.safeParse(input);
  if (!parsed.success) throw ValidationError.single('brokers', 'give the brokers as "host1:9092,host2:9092"');
  const brokers = parseBrokerList(parsed.data.brokers);
  const security = parsed.data.authentication ? { ...securityFromEnv(), sasl: parseAuthentication(parsed.data.authentication) } : securityFromEnv();
  const checks = await checkBrokers(brokers, security, timeoutMs);
  return { brokers: checks, allReachable: checks.every((c) => c.reachable) };
}

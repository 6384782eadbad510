import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ValidationError } from '../errors';

const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port');

export const KafkaSettingsSchema = z.object({
  brokers: z.array(hostPort).min(1, 'at least one broker'),
  clientId: z.string().default('carbonio-ha'),
  sasl: z
    .object({
      mechanism: z.enum(['scram-sha-256', 'scram-sha-512', 'plain']),
      username: z.string().min(1),
      password: z.string().min(1),
    })
    .optional(),
  tls: z.object({ ca: z.string().optional() }).optional(),
  /** How long a request may wait for the cluster before it is reported unavailable. */
  requestTimeoutMs: z.number().int().positive().default(5000),
  connectionTimeoutMs: z.number().int().positive().default(3000),
});
export type KafkaSettings = z.infer<typeof KafkaSettingsSchema>;
export type KafkaSettingsInput = z.input<typeof KafkaSettingsSchema>;

/** Parses "h1:9092,h2:9092" strictly: every entry host:port with a port in 1..65535. */
export function parseBrokerList(value: string): string[] {
  const brokers = value.split(',').map((s) => s.trim()).filter(Boolean);
  const problems = brokers
    .map((b) => {
      const m = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(b);
      if (!m) return { field: 'brokers', message: `"${b}" is not host:port` };
      const port = Number(m[2]);
      if (port < 1 || port > 65535) return { field: 'brokers', message: `"${b}": port ${port} is out of range 1-65535` };
      return undefined;
    })
    .filter((p): p is { field: string; message: string } => Boolean(p));
  if (brokers.length === 0) problems.push({ field: 'brokers', message: 'give at least one broker as host:port' });
  if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
  return brokers;
}

const MECHANISMS = ['scram-sha-256', 'scram-sha-512', 'plain'] as const;
type Mechanism = (typeof MECHANISMS)[number];

function saslFromEnv(e: Record<string, string | undefined>): KafkaSettings['sasl'] {
  const mechanism = e.CARBONIO_KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  const username = e.CARBONIO_KAFKA_SASL_USERNAME;
  const password = e.CARBONIO_KAFKA_SASL_PASSWORD;
  if (!mechanism && !username && !password) return undefined;
  const problems: { field: string; message: string }[] = [];
  if (!mechanism || !(MECHANISMS as readonly string[]).includes(mechanism)) {
    problems.push({ field: 'CARBONIO_KAFKA_SASL_MECHANISM', message: `CARBONIO_KAFKA_SASL_MECHANISM must be one of ${MECHANISMS.join(', ')}` });
  }
  if (!username) problems.push({ field: 'CARBONIO_KAFKA_SASL_USERNAME', message: 'CARBONIO_KAFKA_SASL_USERNAME is missing (SASL needs a user name)' });
  if (!password) problems.push({ field: 'CARBONIO_KAFKA_SASL_PASSWORD', message: 'CARBONIO_KAFKA_SASL_PASSWORD is missing (SASL needs a password)' });
  // The password itself is never part of a message.
  if (problems.length) throw new ValidationError(`Incomplete Kafka SASL settings: ${problems.map((p) => p.message).join('; ')}`, problems);
  return { mechanism: mechanism as Mechanism, username: username!, password: password! };
}

function tlsFromEnv(e: Record<string, string | undefined>): KafkaSettings['tls'] {
  const caFile = e.CARBONIO_KAFKA_TLS_CA_FILE?.trim();
  if (e.CARBONIO_KAFKA_TLS !== 'true' && !caFile) return undefined;
  if (!caFile) return {};
  let ca: string;
  try {
    ca = readFileSync(caFile, 'utf8');
  } catch (err) {
    throw ValidationError.single('CARBONIO_KAFKA_TLS_CA_FILE', `CARBONIO_KAFKA_TLS_CA_FILE ${caFile} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw ValidationError.single('CARBONIO_KAFKA_TLS_CA_FILE', `CARBONIO_KAFKA_TLS_CA_FILE ${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return { ca };
}

/**
 * SASL and TLS options from the environment (docs/security.md): SASL when any of the
 * CARBONIO_KAFKA_SASL_* variables is set (all three are then required), TLS when
 * CARBONIO_KAFKA_TLS=true or a CA file is given (without a CA file, the system's trusted CAs
 * apply). A setting that cannot work is refused with the variable's name, never ignored.
 */
export function securityFromEnv(e: Record<string, string | undefined> = process.env): Pick<KafkaSettings, 'sasl' | 'tls'> {
  const out: Pick<KafkaSettings, 'sasl' | 'tls'> = {};
  const sasl = saslFromEnv(e);
  const tls = tlsFromEnv(e);
  if (sasl) out.sasl = sasl;
  if (tls) out.tls = tls;
  return out;
}

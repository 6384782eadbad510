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

/** SASL and TLS options from the environment (documented in README.md). */
export function securityFromEnv(e: NodeJS.ProcessEnv = process.env): Pick<KafkaSettings, 'sasl' | 'tls'> {
  const mechanism = e.CARBONIO_KAFKA_SASL_MECHANISM as KafkaSettings['sasl'] extends infer S ? S extends { mechanism: infer M } ? M : never : never;
  const out: Pick<KafkaSettings, 'sasl' | 'tls'> = {};
  if (mechanism && e.CARBONIO_KAFKA_SASL_USERNAME && e.CARBONIO_KAFKA_SASL_PASSWORD) {
    out.sasl = { mechanism, username: e.CARBONIO_KAFKA_SASL_USERNAME, password: e.CARBONIO_KAFKA_SASL_PASSWORD };
  }
  if (e.CARBONIO_KAFKA_TLS === 'true') {
    out.tls = { ca: e.CARBONIO_KAFKA_TLS_CA_FILE ? readFileSync(e.CARBONIO_KAFKA_TLS_CA_FILE, 'utf8') : undefined };
  }
  return out;
}

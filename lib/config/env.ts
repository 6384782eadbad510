import { z } from 'zod';
import { ValidationError } from '../errors';

const mysqlUrl = z
  .string()
  .regex(/^(mysql|mariadb):\/\/[^\s]+$/, 'must look like mysql://user[:password]@host:port[/database]');

/** Every environment variable the project reads. README.md documents each of them. */
export const EnvSchema = z.object({
  CARBONIO_DB_URL: mysqlUrl.optional(),
  CARBONIO_HA_DB_URL: mysqlUrl.optional(),
  CARBONIO_MAILSTORE_DB_URL: mysqlUrl.optional(),
  CARBONIO_DB_PREFIX: z.string().regex(/^[a-z0-9_]*$/, 'only a-z, 0-9 and _').default(''),
  CARBONIO_DATA_DIR: z.string().optional(),
  CARBONIO_BROKERS: z.string().optional(),
  CARBONIO_BLOB_DIR: z.string().optional(),
  CARBONIO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CARBONIO_ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  CARBONIO_NODE_HOST: z.string().optional(),
  CARBONIO_NODE_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CARBONIO_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  CARBONIO_KAFKA_SASL_MECHANISM: z.enum(['scram-sha-256', 'scram-sha-512', 'plain']).optional(),
  CARBONIO_KAFKA_SASL_USERNAME: z.string().optional(),
  CARBONIO_KAFKA_SASL_PASSWORD: z.string().optional(),
  CARBONIO_KAFKA_TLS: z.enum(['true', 'false']).default('false'),
  CARBONIO_KAFKA_TLS_CA_FILE: z.string().optional(),
  CARBONIO_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(12),
});
export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Reads and validates the environment once; a bad value is reported with its variable name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message }));
    throw new ValidationError(
      `Invalid environment: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}

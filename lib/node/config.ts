import { z } from 'zod';
import { hostname } from '../schemas/common';

export const VolumeConfigSchema = z.object({
  name: z.string().min(1).max(128),
  kind: z.enum(['primary', 'secondary', 'index']).default('primary'),
  path: z.string().min(1),
  centralized: z.boolean(),
});

/** Everything one mailstore node needs; bin/mailstore-node.ts builds it from flags and env. */
export const NodeConfigSchema = z.object({
  host: hostname,
  /** Separates installations sharing one Kafka cluster (consumer group names); empty in production. */
  namespace: z.string().regex(/^[a-z0-9_]*$/).default(''),
  /** Where the node's HTTP API listens. */
  listenHost: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535),
  /** How other processes reach this node's API; defaults to http://listenHost:port. */
  apiUrl: z.string().url().optional(),
  haDbUrl: z.string(),
  mailstoreDbUrl: z.string(),
  volumes: z.array(VolumeConfigSchema).min(1),
  /** How long a protected write waits for Kafka before it fails. */
  publishTimeoutMs: z.number().int().min(100).default(5000),
  /** Bounded wait of the status reporter and heartbeat loops. */
  statusIntervalMs: z.number().int().min(100).default(1000),
  heartbeatIntervalMs: z.number().int().min(100).default(1000),
  topologyPollMs: z.number().int().min(50).default(250),
  /** An agent whose last replica was removed stops fetching after this long (one that starts holding none stops at once); it stays in its group. */
  agentIdlePauseMs: z.number().int().min(0).default(10_000),
  /** Start the HA module (publisher, agent, snapshots) at boot. */
  moduleEnabled: z.boolean().default(true),
});
export type NodeConfig = z.infer<typeof NodeConfigSchema>;
export type NodeConfigInput = z.input<typeof NodeConfigSchema>;

/** The blob root: the first primary volume's path. */
export function primaryBlobDir(c: NodeConfig): string {
  return c.volumes.find((v) => v.kind === 'primary')!.path;
}

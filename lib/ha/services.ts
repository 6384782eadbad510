import { audited } from '../audit/record-audit';
import { NotFoundError, ValidationError } from '../errors';
import { hostname } from '../schemas/common';
import type { ServiceView } from '../schemas/views';
import type { HaContext } from './context';

/** A node whose last heartbeat is older than this is reported down. */
export const HEARTBEAT_STALE_MS = 10_000;

export type ServiceAction = 'start' | 'stop' | 'restart';

/** What a node answers to a module action (lib/node/module-control.ts). */
export interface ModuleActionResult {
  host: string;
  service: 'module';
  running: boolean;
  components: string[];
}

/**
 * State of the HA module on each mailstore (or on `host`), from the heartbeats the nodes write
 * into mailstore_server: it answers even when a node is down.
 */
export async function getServices(ctx: HaContext, input: { host?: string } = {}): Promise<ServiceView[]> {
  const host = input.host === undefined ? undefined : parseHost(input.host);
  const rows = await ctx.prisma.mailstoreServer.findMany({ where: host ? { host } : undefined, orderBy: { host: 'asc' } });
  if (host && rows.length === 0) throw unknownHost(host, await knownHosts(ctx));
  const now = Date.now();
  return rows.map((r) => {
    const nodeUp = r.heartbeatAt !== null && now - r.heartbeatAt.getTime() < HEARTBEAT_STALE_MS;
    return {
      host: r.host,
      service: 'module' as const,
      running: nodeUp && r.moduleRunning,
      nodeUp,
      agentAlive: nodeUp && r.agentAlive,
      kafkaReachable: nodeUp && r.kafkaReachable,
      heartbeatAt: r.heartbeatAt?.toISOString() ?? null,
    };
  });
}

export function doStartService(ctx: HaContext, input: { host?: string; service: string }) {
  return serviceAction(ctx, 'start', input);
}

export function doStopService(ctx: HaContext, input: { host?: string; service: string }) {
  return serviceAction(ctx, 'stop', input);
}

export function doRestartService(ctx: HaContext, input: { host?: string; service: string }) {
  return serviceAction(ctx, 'restart', input);
}

async function serviceAction(ctx: HaContext, action: ServiceAction, input: { host?: string; service: string }): Promise<ModuleActionResult> {
  return audited(ctx, `services.${action}`, input, async () => {
    if (input.service !== 'module') throw ValidationError.single('service_name', `unknown service "${input.service}": the only HA service is "module"`);
    const host = await resolveHost(ctx, input.host);
    return ctx.cluster.callNode<ModuleActionResult>(host, `/api/services/module/${action}`, { method: 'POST', body: {}, timeoutMs: 60_000 });
  }, (r) => `module on ${r.host} ${r.running ? 'running' : 'stopped'}`);
}

/**
 * The mailstore a service action targets: the given host; else CARBONIO_NODE_HOST (the CLI on a
 * mailstore acts on that mailstore, as the product's does); else the only mailstore there is.
 */
async function resolveHost(ctx: HaContext, given: string | undefined): Promise<string> {
  const hosts = await knownHosts(ctx);
  const wanted = given ?? process.env.CARBONIO_NODE_HOST;
  if (wanted !== undefined) {
    const host = parseHost(wanted);
    if (!hosts.includes(host)) throw unknownHost(host, hosts);
    return host;
  }
  if (hosts.length === 1) return hosts[0];
  if (hosts.length === 0) throw new NotFoundError('No mailstore is registered yet: start a mailstore node first.');
  throw ValidationError.single('host', `this installation has ${hosts.length} mailstores (${hosts.join(', ')}): say which one with "host <mailstore>"`);
}

async function knownHosts(ctx: HaContext): Promise<string[]> {
  const rows = await ctx.prisma.mailstoreServer.findMany({ select: { host: true }, orderBy: { host: 'asc' } });
  return rows.map((r) => r.host);
}

function parseHost(value: string): string {
  const parsed = hostname.safeParse(value);
  if (!parsed.success) throw ValidationError.single('host', `"${value}" is not a mailstore host name (FQDN)`);
  return parsed.data;
}

function unknownHost(host: string, hosts: string[]) {
  return new NotFoundError(`unknown mailstore "${host}"; known mailstores: ${hosts.join(', ') || 'none'}`, [
    { field: 'host', message: `unknown mailstore "${host}"` },
  ]);
}

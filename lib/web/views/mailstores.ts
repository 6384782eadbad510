import type { HaContext } from '../../ha/context';
import { getServices } from '../../ha/services';

export interface MailstoreView {
  host: string;
  apiUrl: string;
  nodeUp: boolean;
  agentAlive: boolean;
  kafkaReachable: boolean;
  moduleRunning: boolean;
  heartbeatAt: string | null;
  nodeVersion: string | null;
  volumes: { name: string; kind: string; path: string; centralized: boolean }[];
  /** Every primary volume is on centralized storage: required to take part in replication. */
  primaryCentralized: boolean;
  accountsHosted: number;
  replicasHeld: number;
  /** Can receive a new replica now: node and module up, primary volumes centralized. */
  eligible: boolean;
  /** Why it cannot, when not eligible. */
  ineligibleReason: string | null;
}

/** Every mailstore with its health (from heartbeats, answers even when a node is down) and volumes. */
export async function listMailstores(ctx: HaContext): Promise<MailstoreView[]> {
  const [services, servers, hosted, held] = await Promise.all([
    getServices(ctx),
    ctx.prisma.mailstoreServer.findMany({ include: { volumes: { orderBy: { name: 'asc' } } }, orderBy: { host: 'asc' } }),
    ctx.prisma.account.groupBy({ by: ['mailHost'], _count: { _all: true } }),
    ctx.prisma.replica.groupBy({ by: ['destination'], _count: { _all: true } }),
  ]);
  const svc = new Map(services.map((s) => [s.host, s]));
  const hostedBy = new Map(hosted.map((h) => [h.mailHost, h._count._all]));
  const heldBy = new Map(held.map((h) => [h.destination, h._count._all]));
  return servers.map((s) => {
    const state = svc.get(s.host);
    const primaries = s.volumes.filter((v) => v.kind === 'primary');
    const primaryCentralized = primaries.length > 0 && primaries.every((v) => v.centralized);
    const nodeUp = state?.nodeUp ?? false;
    const moduleRunning = state?.running ?? false;
    const ineligibleReason = !primaryCentralized
      ? 'its primary volumes are not all on centralized storage'
      : !nodeUp ? 'the node does not answer (no recent heartbeat)'
      : !moduleRunning ? 'the HA module is stopped on it' : null;
    return {
      host: s.host,
      apiUrl: s.apiUrl,
      nodeUp,
      agentAlive: state?.agentAlive ?? false,
      kafkaReachable: state?.kafkaReachable ?? false,
      moduleRunning,
      heartbeatAt: state?.heartbeatAt ?? null,
      nodeVersion: s.nodeVersion,
      volumes: s.volumes.map((v) => ({ name: v.name, kind: v.kind, path: v.path, centralized: v.centralized })),
      primaryCentralized,
      accountsHosted: hostedBy.get(s.host) ?? 0,
      replicasHeld: heldBy.get(s.host) ?? 0,
      eligible: ineligibleReason === null,
      ineligibleReason,
    };
  });
}

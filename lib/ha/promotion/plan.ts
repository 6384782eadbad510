import type { PromotionPlanRow, ReplicaState } from '../../schemas/views';

export interface ReplicaCandidate {
  destination: string;
  priority: number;
  state: ReplicaState;
  /** The destination's agent reported a heartbeat recently. */
  agentAlive: boolean;
  lagEvents: number | null;
  lagSeconds: number | null;
  lastError: string | null;
}

export interface AccountCandidate {
  accountId: string;
  accountName: string;
  mailHost: string;
  kind: 'account' | 'distribution_list';
  promotingTo: string | null;
  replicas: ReplicaCandidate[];
}

/** Why a replica cannot take the account over now, or null when it can. */
export function replicaBlocker(r: ReplicaCandidate): string | null {
  switch (r.state) {
    case 'initializing': return `replica on ${r.destination} is not initialised yet`;
    case 'paused': return `replica on ${r.destination} is paused (restartReplicas first)`;
    case 'failed': return `replica on ${r.destination} failed${r.lastError ? `: ${r.lastError}` : ''} (restartReplicas re-initialises it)`;
    case 'removing': return `replica on ${r.destination} is being removed`;
    case 'active': return r.agentAlive ? null : `the replica agent on ${r.destination} is not running (no recent heartbeat)`;
  }
}

/**
 * Chooses where an account goes: the given destination, or the available replica with the
 * lowest priority number (ties: the smaller lag, then the host name). Lists every blocker.
 */
export function planPromotion(a: AccountCandidate, forcedDestination?: string): PromotionPlanRow {
  const row: PromotionPlanRow = {
    accountId: a.accountId, accountName: a.accountName, sourceMailHost: a.mailHost,
    destination: null, priority: null, lagEvents: null, lagSeconds: null, blockers: [],
  };
  if (a.kind === 'distribution_list') return { ...row, blockers: ['distribution lists cannot be promoted'] };
  if (a.promotingTo) return { ...row, blockers: [`a promotion to ${a.promotingTo} is already in progress`] };
  if (a.replicas.length === 0) return { ...row, blockers: ['the account has no replica'] };
  const sorted = [...a.replicas].sort((x, y) => x.priority - y.priority || (x.lagEvents ?? 0) - (y.lagEvents ?? 0) || x.destination.localeCompare(y.destination));
  let chosen: ReplicaCandidate | undefined;
  if (forcedDestination) {
    chosen = sorted.find((r) => r.destination === forcedDestination);
    if (!chosen) return { ...row, destination: forcedDestination, blockers: [`the account has no replica on ${forcedDestination}`] };
    const why = replicaBlocker(chosen);
    if (why) row.blockers.push(why);
  } else {
    chosen = sorted.find((r) => replicaBlocker(r) === null);
    if (!chosen) return { ...row, blockers: sorted.map((r) => replicaBlocker(r)!) };
  }
  return { ...row, destination: chosen.destination, priority: chosen.priority, lagEvents: chosen.lagEvents, lagSeconds: chosen.lagSeconds };
}

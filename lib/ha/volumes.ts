import type { HaPrisma } from '../db/prisma';
import { ValidationError, type Problem } from '../errors';

/** Why a mailstore cannot take part in replication, or undefined when it can. */
async function centralizationProblems(prisma: HaPrisma, hosts: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(hosts)];
  const volumes = await prisma.volume.findMany({ where: { serverHost: { in: unique }, kind: 'primary' }, select: { serverHost: true, name: true, path: true, centralized: true } });
  const out = new Map<string, string>();
  for (const host of unique) {
    const mine = volumes.filter((v) => v.serverHost === host);
    const local = mine.filter((v) => !v.centralized);
    if (mine.length === 0) out.set(host, `mailstore ${host} has no primary volume registered (has its node ever started?)`);
    else if (local.length) {
      out.set(host, `mailstore ${host}: primary volume${local.length > 1 ? 's' : ''} ${local.map((v) => `${v.name} (${v.path})`).join(', ')} ${local.length > 1 ? 'are' : 'is'} not centralized storage; every primary volume must be centralized to take part in replication`);
    }
  }
  return out;
}

/** True when the mailstore has primary volumes and all of them are centralized. */
export async function isCentralized(prisma: HaPrisma, host: string): Promise<boolean> {
  return !(await centralizationProblems(prisma, [host])).has(host);
}

/**
 * Throws a ValidationError naming each mailstore whose primary volumes are not all centralized
 * (blobs must be shared: only metadata is replicated). setAccountDestination calls it for the
 * sources and the destination before it changes anything.
 */
export async function assertCentralized(prisma: HaPrisma, hosts: string[]): Promise<void> {
  const problems = await centralizationProblems(prisma, hosts);
  if (problems.size === 0) return;
  const list: Problem[] = [...problems].map(([host, message]) => ({ field: host, message }));
  throw new ValidationError(list.map((p) => p.message).join('; '), list);
}

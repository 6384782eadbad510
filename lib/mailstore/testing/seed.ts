import { randomUUID } from 'node:crypto';
import type { HaPrisma } from '../../db/prisma';
import { recordTopologyChange } from '../../ha/topology-change';

/**
 * Test fixtures of the HA database: an account hosted on `host`, protected (with one replica
 * row on `replicaOn`, which needs no running node) or not.
 */
export async function seedAccount(prisma: HaPrisma, opts: { host: string; replicaOn?: string; domain?: string; name?: string }): Promise<{ id: string; name: string }> {
  const domainName = opts.domain ?? 'src.test';
  const domain = await prisma.domain.upsert({ where: { name: domainName }, create: { name: domainName }, update: {} });
  const id = randomUUID();
  const name = opts.name ?? `u-${id.slice(0, 8)}@${domainName}`;
  await prisma.account.create({ data: { id, name, domainId: domain.id, mailHost: opts.host } });
  if (opts.replicaOn) await prisma.replica.create({ data: { accountId: id, destination: opts.replicaOn, priority: 10, state: 'active', snapshotState: 'done' } });
  await recordTopologyChange(prisma, [id]);
  return { id, name };
}

/** Polls until `check` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

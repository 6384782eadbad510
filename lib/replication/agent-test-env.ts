// Test-only helpers shared by the agent's integration tests: a directory of accounts in the HA
import { execFileSync } from 'node:child_process';
// database, replicas registered the way setAccountDestination does, and bounded waits.
import { randomUUID } from 'node:crypto';
import type { HaPrisma } from '../db/prisma';
import { recordTopologyChange } from '../ha/topology-change';
import { agentGroupId, createKafka, KafkaAdmin } from '../kafka';
import { silentLogger } from '../log/logger';

export async function createAccounts(prisma: HaPrisma, mailHost: string, names: string[], kind: 'account' | 'distribution_list' = 'account') {
  const out: { id: string; name: string }[] = [];
  for (const name of names) {
    const domainName = name.split('@')[1];
    const domain = await prisma.domain.upsert({ where: { name: domainName }, create: { name: domainName }, update: {} });
    const id = randomUUID();
    await prisma.account.create({ data: { id, name, domainId: domain.id, mailHost, kind } });
    out.push({ id, name });
  }
  await recordTopologyChange(prisma, out.map((a) => a.id));
  return out;
}

export async function addReplica(prisma: HaPrisma, accountId: string, destination: string, priority = 10) {
  const r = await prisma.replica.create({ data: { accountId, destination, priority } });
  await recordTopologyChange(prisma, [accountId]);
  return r;
}

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The pids of a process and all its descendants (children first found through `ps`). */
export function processTree(pid: number): number[] {
  const out = [pid];
  const text = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const rows = text.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  for (let i = 0; i < out.length; i++) for (const [p, pp] of rows) if (pp === out[i]) out.push(p);
  return out;
}

/** Sends `signal` to a spawned process and every descendant (npx -> tsx -> node), by pid. */
export function killTree(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!pid) return;
  for (const p of processTree(pid).reverse()) {
    try {
      process.kill(p, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Deletes the agent consumer groups of these hosts in this test's namespace: the shared test
 * Kafka keeps a group's offsets across runs, and a rerun would otherwise resume from them.
 */
export async function resetAgentGroups(brokers: string[], prefix: string, hosts: string[]) {
  const admin = new KafkaAdmin(createKafka({ brokers }, silentLogger));
  try {
    for (const h of hosts) await admin.deleteGroup(agentGroupId(h, prefix.replace(/_+$/, '')));
  } finally {
    await admin.disconnect();
  }
}

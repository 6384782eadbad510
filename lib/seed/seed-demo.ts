import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureAdminUser } from '../auth/admin-users';
import { createPool } from '../db/pool';
import { createHaPrisma } from '../db/prisma';
import { silentLogger } from '../log/logger';
import type { RunningStack } from '../stack/stack';
import { runTraffic } from '../traffic/run-traffic';
import { seedMailboxes, type MailboxPlan } from './seed-mailboxes';
import { seedReplicas } from './seed-replicas';
import { ADMIN_EMAIL, GENERATED_DOMAIN, REFERENCE_HOST } from './topology';

export interface DemoSeedResult {
  admin: { email: string; password: string; generated: boolean };
  stopTraffic(): Promise<void>;
}

export interface DemoSeedOptions {
  log: (l: string) => void;
  /** Generated accounts that get a filled mailbox (the rest are provisioned on first use). */
  filledMailboxes?: number;
  /** Generated accounts replicated to another mailstore. */
  replicated?: number;
  /** Background traffic, operations per second (0: none). */
  trafficRate?: number;
}

/** The admin password: CARBONIO_ADMIN_PASSWORD, else one generated once and kept in the data folder. */
function adminPassword(dataDir: string): { password: string; generated: boolean } {
  if (process.env.CARBONIO_ADMIN_PASSWORD) return { password: process.env.CARBONIO_ADMIN_PASSWORD, generated: false };
  const file = path.join(dataDir, 'admin-password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(12).toString('base64url'), { mode: 0o600 });
  return { password: readFileSync(file, 'utf8').trim(), generated: true };
}

/**
 * What the demo shows on top of the directory: the administrator, realistic mailboxes (the
 * reference accounts and part of the generated domain), replicas (alice.doe and bob.doe on
 * mbox2.example.com, so the documented promotion runs as written, and generated accounts across
 * the mailstores) and light background traffic on protected accounts. Idempotent.
 */
export async function seedDemo(stack: RunningStack, o: DemoSeedOptions): Promise<DemoSeedResult> {
  const prisma = createHaPrisma(stack.haDbUrl, 2);
  const db = createPool(stack.haDbUrl, { connectionLimit: 2 });
  try {
    const { password, generated } = adminPassword(stack.env.CARBONIO_DATA_DIR!);
    await ensureAdminUser(prisma, { email: ADMIN_EMAIL, password });
    const apiUrl = new Map(stack.nodes.map((n) => [n.host, n.apiUrl]));
    const rows: { id: string; name: string; mailHost: string }[] = await db.query(
      `(SELECT id, name, mailHost FROM account WHERE kind = 'account' AND name NOT LIKE ? ORDER BY name)
       UNION ALL (SELECT id, name, mailHost FROM account WHERE name LIKE ? ORDER BY name LIMIT ?)`,
      [`%@${GENERATED_DOMAIN}`, `%@${GENERATED_DOMAIN}`, o.filledMailboxes ?? 150]);
    const plans: MailboxPlan[] = rows.filter((r) => apiUrl.has(r.mailHost)).map((r) => ({
      accountId: r.id, name: r.name, apiUrl: apiUrl.get(r.mailHost)!, messages: r.name.endsWith(GENERATED_DOMAIN) ? 110 : 160,
    }));
    const t0 = Date.now();
    const items = await seedMailboxes(plans, 12);
    o.log(`Mailboxes: ${plans.length} filled (${items} new items, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);

    const hosts = stack.nodes.map((n) => n.host);
    const generatedRows = rows.filter((r) => r.name.endsWith(GENERATED_DOMAIN)).slice(0, o.replicated ?? 120);
    const replicaPlans = [
      { destination: hosts[1] ?? REFERENCE_HOST, priority: 10, accounts: ['alice.doe@example.com', 'bob.doe@example.com'] },
      ...hosts.map((h, i) => ({
        destination: hosts[(i + 1) % hosts.length], priority: 10,
        accounts: generatedRows.filter((r) => r.mailHost === h).map((r) => r.name),
      })),
    ].filter(() => hosts.length > 1);
    const added = await seedReplicas(stack.haDbUrl, replicaPlans, silentLogger);
    if (added) o.log(`Replicas: ${added} registered; their initial sync runs in the background`);

    const stop = new AbortController();
    const trafficAccounts = generatedRows.slice(0, 30).map((r) => r.name);
    const traffic = o.trafficRate && trafficAccounts.length
      ? runTraffic({ haDbUrl: stack.haDbUrl, accounts: trafficAccounts, rate: o.trafficRate, seconds: 365 * 86400, signal: stop.signal }).catch(() => undefined)
      : Promise.resolve();
    return {
      admin: { email: ADMIN_EMAIL, password, generated },
      stopTraffic: async () => {
        stop.abort();
        await traffic;
      },
    };
  } finally {
    await prisma.$disconnect();
    await db.end();
  }
}

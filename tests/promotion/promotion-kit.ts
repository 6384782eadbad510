import * as mariadb from 'mariadb';
import { createHaContext, type HaContextHandle } from '../../lib/ha/context';
import { setAccountDestination } from '../../lib/ha/set-account-destination';
import { waitForOperation } from '../../lib/ha/operations/wait';
import { MailboxClient } from '../../lib/mailstore/api-client';
import { seedAccount } from '../../lib/mailstore/testing/seed';
import { connectionOptions, parseDbUrl } from '../../lib/db/url';
import type { TestEnv } from '../support/test-env';

/** The core as the CLI would use it, on a test env's HA database. */
export function coreContext(env: TestEnv): HaContextHandle {
  return createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'test-admin@example.com', role: 'global_admin', origin: 'cli' }, log: env.log });
}

/** A licence large enough for the test's accounts. */
export async function license(env: TestEnv, quantity = 100_000) {
  for (const name of ['ZxHA', 'ha_basic']) {
    await env.prisma.license.upsert({ where: { module: name }, create: { module: name, quantity, licensed: true }, update: { quantity, licensed: true } });
  }
}

/** Creates `n` accounts on `host` with a few messages each (through the node's mailbox API). */
export async function seedMailboxes(env: TestEnv, host: string, apiUrl: string, n: number, domain: string): Promise<{ id: string; name: string }[]> {
  const api = new MailboxClient(apiUrl);
  const accounts = [];
  for (let i = 0; i < n; i++) {
    const a = await seedAccount(env.prisma, { host, domain, name: `user${i}@${domain}` });
    accounts.push(a);
  }
  await new Promise((r) => setTimeout(r, 600)); // the node's topology poll sees the new accounts
  for (const a of accounts) {
    await api.provision(a.id);
    for (let m = 0; m < 3; m++) await api.deliver(a.id, { folderId: 2, sender: 'seed@example.net', recipients: [a.name], subject: `hello ${m}`, body: 'seed message' });
  }
  return accounts;
}

/** Replicates every account to each destination (priority in order) and waits until active. */
export async function replicate(ctx: HaContextHandle, names: string[], destinations: { host: string; priority: number }[]) {
  for (const d of destinations) {
    const ref = await setAccountDestination(ctx, { destination: d.host, priority: d.priority, accounts: names });
    const op = await waitForOperation(ctx, ref.operationId, { timeoutMs: 120_000, pollMs: 200 });
    if (op.state !== 'succeeded') throw new Error(`replication to ${d.host} ended ${op.state}: ${op.items.filter((i) => i.state !== 'succeeded').map((i) => i.message).join('; ')}`);
  }
}

/** Item ids of an account's mailbox in one mailstore database (undefined: no mailbox there). */
export async function itemIdsOn(dbUrl: string, accountId: string): Promise<{ state: string; checkpoint: number; ids: Set<number> } | undefined> {
  const t = parseDbUrl(dbUrl);
  const conn = await mariadb.createConnection({ ...connectionOptions(t), database: t.database });
  try {
    const [m] = await conn.query('SELECT id, state, change_checkpoint FROM mailbox WHERE account_id = ?', [accountId]);
    if (!m) return undefined;
    const rows: { id: number }[] = await conn.query('SELECT id FROM mail_item WHERE mailbox_id = ?', [m.id]);
    return { state: m.state, checkpoint: Number(m.change_checkpoint), ids: new Set(rows.map((r) => Number(r.id))) };
  } finally {
    await conn.end();
  }
}

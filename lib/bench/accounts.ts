import { randomUUID } from 'node:crypto';
import { inTransaction, type Pool } from '../db/pool';
import type { HaContext } from '../ha/context';
import { waitForOperation } from '../ha/operations/wait';
import { setAccountDestination } from '../ha/set-account-destination';
import { recordTopologyChangeSql } from '../ha/topology-change';

export interface BenchAccount {
  id: string;
  name: string;
}

/** Creates `n` accounts named `<label><i>@<domain>` hosted on `mailHost`, in one transaction. */
export async function createAccounts(db: Pool, o: { label: string; n: number; domain: string; mailHost: string }): Promise<BenchAccount[]> {
  const accounts = Array.from({ length: o.n }, (_, i) => ({ id: randomUUID(), name: `${o.label}${i}@${o.domain}` }));
  await inTransaction(db, async (conn) => {
    await conn.query('INSERT IGNORE INTO domain (name) VALUES (?)', [o.domain]);
    const [{ id: domainId }] = await conn.query('SELECT id FROM domain WHERE name = ?', [o.domain]);
    for (let i = 0; i < accounts.length; i += 5000) {
      await conn.batch('INSERT INTO account (id, name, domainId, mailHost) VALUES (?, ?, ?, ?)', accounts.slice(i, i + 5000).map((a) => [a.id, a.name, domainId, o.mailHost]));
    }
    await recordTopologyChangeSql(conn, accounts.map((a) => a.id));
  });
  return accounts;
}

/** Replicates the accounts to `destination` through setAccountDestination and waits until every replica is active. */
export async function replicate(ctx: HaContext, accounts: BenchAccount[], destination: string, timeoutMs = 900_000): Promise<number> {
  const t0 = Date.now();
  const ref = await setAccountDestination(ctx, { destination, priority: 10, accounts: accounts.map((a) => a.name) });
  const op = await waitForOperation(ctx, ref.operationId, { timeoutMs, pollMs: 200 });
  if (op.state !== 'succeeded') {
    const why = op.items.filter((i) => i.state !== 'succeeded').slice(0, 3).map((i) => `${i.accountName}: ${i.message}`).join('; ');
    throw new Error(`replicating ${accounts.length} accounts to ${destination} ended ${op.state}: ${why}`);
  }
  return Date.now() - t0;
}

import { createHaContext } from '../ha/context';
import { setAccountDestination } from '../ha/set-account-destination';
import type { Logger } from '../log/logger';

export interface ReplicaPlan {
  destination: string;
  priority: number;
  accounts: string[];
}

/**
 * Registers the demo's replicas through the same core command as the console and the CLI,
 * skipping accounts that already have a replica there (seeding is idempotent).
 */
export async function seedReplicas(haDbUrl: string, plans: ReplicaPlan[], log: Logger): Promise<number> {
  const ctx = createHaContext({ haDbUrl, actor: { email: 'demo-seed', role: 'cli', origin: 'system' }, log, poolSize: 2 });
  let added = 0;
  try {
    for (const p of plans) {
      if (p.accounts.length === 0) continue;
      const existing: { name: string }[] = await ctx.db.query(
        'SELECT a.name FROM replica r JOIN account a ON a.id = r.accountId WHERE r.destination = ? AND a.name IN (?)', [p.destination, p.accounts]);
      const have = new Set(existing.map((e) => e.name));
      const todo = p.accounts.filter((a) => !have.has(a));
      if (todo.length === 0) continue;
      await setAccountDestination(ctx, { destination: p.destination, priority: p.priority, accounts: todo });
      added += todo.length;
    }
  } finally {
    await ctx.close();
  }
  return added;
}

import type { Pool } from '../../db/pool';
import { setAccountDestination } from '../../ha/set-account-destination';
import { FakeSource } from '../../replication/agent-test-kit';
import { createAccounts, type BenchAccount } from '../accounts';
import type { BenchContext } from '../context';
import { atLeast, result, type BenchResult } from '../result';

export const SYNC_GOAL = atLeast(20_000, 'items/s');

/** A primary mailbox with `items` messages in its Inbox, written straight into the mailstore's database. */
async function fillMailbox(db: Pool, accountId: string, items: number) {
  const source = new FakeSource(db, () => {
    throw new Error('the initial-sync mailbox has no live traffic');
  }, accountId);
  await source.provision();
  await source.populate(items);
}

/** Registers the replica and waits until the destination reports it active (snapshot applied, caught up). */
async function syncOnce(b: BenchContext, account: BenchAccount): Promise<number> {
  const { ctx, hosts } = b.world;
  const t0 = performance.now();
  await setAccountDestination(ctx, { destination: hosts.destination, priority: 10, accounts: [account.name] });
  const deadline = Date.now() + 900_000;
  for (;;) {
    const [r] = await ctx.db.query('SELECT state, lastError FROM replica WHERE accountId = ? AND destination = ?', [account.id, hosts.destination]);
    if (r?.state === 'active') return (performance.now() - t0) / 1000;
    if (r?.state === 'failed') throw new Error(`the initial sync of ${account.name} failed: ${r.lastError}`);
    if (Date.now() > deadline) throw new Error(`the initial sync of ${account.name} did not end within 15 minutes (state ${r?.state})`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

/**
 * Initial sync: a mailbox of the profile's size (100,000 messages in full) on the `other`
 * mailstore gets a replica on `destination`; from setAccountDestination to the replica active
 * (consistent snapshot published, applied, caught up). A small mailbox is synced first as warm-up.
 */
export async function syncScenario(b: BenchContext): Promise<BenchResult[]> {
  const { world, profile } = b;
  const domain = `${world.namespace.replace(/_/g, '-')}.test`;
  const [warm, big] = await createAccounts(world.ctx.db, { label: 'sync', n: 2, domain, mailHost: world.hosts.other });
  await fillMailbox(world.db.other, warm.id, profile.syncWarmupItems);
  await fillMailbox(world.db.other, big.id, profile.syncItems);
  const warmSeconds = await syncOnce(b, warm);
  const seconds = await syncOnce(b, big);
  return [result({
    name: 'initial sync', value: profile.syncItems / seconds, unit: 'items/s', goal: SYNC_GOAL,
    detail: `one mailbox of ${profile.syncItems.toLocaleString('en-US')} messages in ${seconds.toFixed(1)} s, from setAccountDestination to the replica active ` +
      `(the warm-up mailbox of ${profile.syncWarmupItems.toLocaleString('en-US')} took ${warmSeconds.toFixed(2)} s: about the part of any sync that does not grow with its size)`,
  })];
}

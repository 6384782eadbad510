import { createAccounts, replicate, type BenchAccount } from './accounts';
import type { Fixtures } from './context';
import type { BenchProfile } from './profile';
import type { BenchWorld } from './world';

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make().catch((err) => {
    p = undefined;
    throw err;
  }));
}

/** The shared accounts, created and replicated through the real commands on first use. */
export function createFixtures(w: BenchWorld, profile: BenchProfile): Fixtures {
  const domain = `${w.namespace.replace(/_/g, '-')}.test`;
  return {
    throughputAccounts: once(async () => {
      const accounts = await createAccounts(w.ctx.db, { label: 'tp', n: profile.throughputAccounts, domain, mailHost: w.hosts.other });
      const ms = await replicate(w.ctx, accounts, w.hosts.destination);
      w.log(`${accounts.length} accounts on ${w.hosts.other} replicated to ${w.hosts.destination} in ${(ms / 1000).toFixed(1)} s`);
      return accounts;
    }),
    protectedAccounts: once(async () => {
      const accounts = await createAccounts(w.ctx.db, { label: 'user', n: profile.lagAccounts, domain, mailHost: w.hosts.source });
      const ms = await replicate(w.ctx, accounts, w.hosts.destination);
      w.log(`${accounts.length} accounts on ${w.hosts.source} replicated to ${w.hosts.destination} in ${(ms / 1000).toFixed(1)} s`);
      return accounts;
    }),
    plainAccounts: once(() => createAccounts(w.ctx.db, { label: 'plainlag', n: profile.lagAccounts, domain, mailHost: w.hosts.source })),
    plainAccount: once(async (): Promise<BenchAccount> => {
      const [a] = await createAccounts(w.ctx.db, { label: 'plain', n: 1, domain, mailHost: w.hosts.source });
      for (let i = 0; ; i++) {
        try {
          await w.nodes.source.api.provision(a.id);
          return a;
        } catch (err) {
          if (i >= 50) throw err; // the node's topology poll has not seen the new account yet
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }),
  };
}

import type { FixtureAccount } from '../ha/get-account-status-fixture';

/** What a status query over the fixture must answer (the scale test checks it). */
export interface ScaleExpectations {
  unavailable: number;
  pausedAccounts: number;
  /** Accounts on hosts[1] with a replica on hosts[2]. */
  onSecondToThird: number;
  /** Accounts of domain d3. */
  domain3: number;
}

function seeded(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/**
 * `n` replicated accounts over four mailstores (the fourth one dead) as a large installation
 * has them: sources on the first three, one replica on the next host (90% active, 5%
 * initializing, 3% paused, 2% failed; 10% lagging up to 5,000 events), a second replica for
 * every fifth account, ten domains `d0..d9.<domain>`. Deterministic (seeded).
 */
export function scaleFixture(n: number, hosts: [string, string, string, string], domain: string): { accounts: FixtureAccount[]; expected: ScaleExpectations } {
  const r = seeded(42);
  const accounts: FixtureAccount[] = [];
  const expected: ScaleExpectations = { unavailable: 0, pausedAccounts: 0, onSecondToThird: 0, domain3: 0 };
  for (let i = 0; i < n; i++) {
    const src = hosts[i % 3];
    const dst = hosts[(i % 3) + 1];
    const x = r();
    const state = x < 0.9 ? 'active' : x < 0.95 ? 'initializing' : x < 0.98 ? 'paused' : 'failed';
    const lag = r() < 0.1 ? Math.floor(r() * 5000) : 0;
    const replicas: FixtureAccount['replicas'] = [{ destination: dst, priority: 10, state, sequence: 1000 - lag, itemId: 3000, lagEvents: lag, lagSeconds: lag / 100 }];
    if (i % 5 === 0) replicas.push({ destination: hosts[((i % 3) + 2) % 4], priority: 20, state: 'active', sequence: 1000, itemId: 3000 });
    accounts.push({ name: `user${i}@d${i % 10}.${domain}`, mailHost: src, paused: state === 'paused', status: { mailboxId: i + 1, sequence: 1000, itemId: 3000 }, replicas });
    if (replicas.some((p) => p.state !== 'active' || p.destination === hosts[3])) expected.unavailable++;
    if (state === 'paused') expected.pausedAccounts++;
    if (src === hosts[1] && replicas.some((p) => p.destination === hosts[2])) expected.onSecondToThird++;
    if (i % 10 === 3) expected.domain3++;
  }
  return { accounts, expected };
}

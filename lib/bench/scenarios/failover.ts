import { waitForOperation } from '../../ha/operations/wait';
import { promoteAccounts } from '../../ha/promote-accounts';
import type { BenchContext } from '../context';
import { below, result, type BenchResult } from '../result';

export const FAILOVER_GOAL = below(5, 's');

/**
 * Failover: the `source` mailstore (its protected accounts replicated to `destination`) is
 * SIGKILLed; promoteAccounts source_mail_host <source> runs until its operation ends (polled
 * every 50 ms). Figure: seconds from the kill to the operation succeeded. It leaves the source
 * dead: it runs after every scenario that writes through it.
 */
export async function failoverScenario(b: BenchContext): Promise<BenchResult[]> {
  const { ctx, hosts, nodes } = b.world;
  const accounts = await b.fixtures.protectedAccounts();
  await waitUntilCaughtUp(b);
  nodes.source.kill();
  const t0 = performance.now();
  const started = await promoteAccounts(ctx, { sourceMailHost: hosts.source });
  if (started.dryRun) throw new Error('promoteAccounts answered a dry run');
  const op = await waitForOperation(ctx, started.operationId, { timeoutMs: 600_000, pollMs: 50 });
  const seconds = (performance.now() - t0) / 1000;
  if (op.state !== 'succeeded') throw new Error(`the failover ended ${op.state}: ${op.message ?? ''} ${op.items.filter((i) => i.state !== 'succeeded').slice(0, 3).map((i) => i.message).join('; ')}`);
  if (started.accounts !== accounts.length) throw new Error(`the failover promoted ${started.accounts} accounts, expected the ${accounts.length} protected accounts of ${hosts.source}`);
  const [{ n }] = await ctx.db.query('SELECT COUNT(*) n FROM account WHERE id IN (?) AND mailHost = ?', [accounts.map((a) => a.id), hosts.destination]);
  if (Number(n) !== accounts.length) throw new Error(`after the failover only ${n} of ${accounts.length} accounts are hosted on ${hosts.destination}`);
  return [result({
    name: 'failover', value: seconds, unit: 's', goal: FAILOVER_GOAL, digits: 2,
    detail: `SIGKILL of ${hosts.source}, then promoteAccounts source_mail_host (default threads) until the operation succeeded; ${accounts.length} accounts now on ${hosts.destination}`,
  })];
}

/** The destination has applied everything the source published (no backlog left to drain). */
async function waitUntilCaughtUp(b: BenchContext) {
  const { nodes } = b.world;
  const deadline = Date.now() + 120_000;
  let last = -1;
  for (;;) {
    const [relay, agent] = await Promise.all([nodes.source.relayStats(), nodes.destination.agentStats()]);
    if (relay.outbox === 0 && agent.applied === last) return;
    last = agent.applied;
    if (Date.now() > deadline) throw new Error('the destination did not catch up with the source within 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }
}

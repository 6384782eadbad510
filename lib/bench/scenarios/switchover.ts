import { waitForOperation } from '../../ha/operations/wait';
import { promoteAccounts } from '../../ha/promote-accounts';
import type { BenchContext } from '../context';
import { median } from '../progress';
import { below, result, type BenchResult } from '../result';

export const SWITCHOVER_GOAL = below(1, 's');

/**
 * Switchover: promoteAccounts of one account whose source is alive, from the command to the
 * operation's end as `carbonio ha promoteAccounts --sync` sees it (polled every 20 ms). One
 * warm-up switchover, then the profile's count, each of another account; the median is reported.
 */
export async function switchoverScenario(b: BenchContext): Promise<BenchResult[]> {
  const { ctx } = b.world;
  const accounts = await b.fixtures.throughputAccounts();
  const n = b.profile.switchovers;
  if (accounts.length < n + 1) throw new Error(`the switchover needs ${n + 1} replicated accounts, the profile has ${accounts.length}`);
  const times: number[] = [];
  for (const [i, a] of accounts.slice(-(n + 1)).entries()) {
    const t0 = performance.now();
    const started = await promoteAccounts(ctx, { accounts: [a.name] });
    if (started.dryRun) throw new Error('promoteAccounts answered a dry run');
    const op = await waitForOperation(ctx, started.operationId, { timeoutMs: 120_000, pollMs: 20 });
    const seconds = (performance.now() - t0) / 1000;
    if (op.state !== 'succeeded') throw new Error(`switchover of ${a.name} ended ${op.state}: ${op.items.map((x) => x.message).join('; ')}`);
    if (i > 0) times.push(seconds);
  }
  const sorted = [...times].sort((x, y) => x - y);
  return [result({
    name: 'switchover (one account)', value: median(times), unit: 's', goal: SWITCHOVER_GOAL, digits: 2,
    detail: `median of ${times.length} switchovers (min ${sorted[0].toFixed(2)} s, max ${sorted[sorted.length - 1].toFixed(2)} s) after one warm-up; command to operation succeeded`,
  })];
}

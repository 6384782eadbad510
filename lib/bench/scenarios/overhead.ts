import type { BenchContext } from '../context';
import { percentile } from '../progress';
import { result, type BenchResult, type Goal } from '../result';

export const OVERHEAD_GOAL: Goal = { text: 'p50 < +10 ms', met: (v) => v < 10 };

/**
 * Synchronous write overhead: the same delivery (HTTP API of the `source` mailstore) to a
 * protected account, answered only after Kafka acknowledged its event, and to an unprotected
 * one on the same mailstore; one after the other, alternating which goes first, after warm-up
 * pairs. Figure: p50 of the protected minus p50 of the unprotected (p99 likewise in the detail).
 */
export async function overheadScenario(b: BenchContext): Promise<BenchResult[]> {
  const api = b.world.nodes.source.api;
  const [prot] = await b.fixtures.protectedAccounts();
  const plain = await b.fixtures.plainAccount();
  const deliver = async (accountId: string, i: number) => {
    const t0 = performance.now();
    const r = await api.deliver(accountId, { folderId: 2, sender: 'bench@example.net', recipients: ['rcpt@example.com'], subject: `overhead ${i}`, body: 'A short message body.\n' });
    return { ms: performance.now() - t0, replicated: r.replicated };
  };
  const p: number[] = [];
  const u: number[] = [];
  const { overheadWarmup: warmup, overheadPairs: pairs } = b.profile;
  for (let i = 0; i < warmup + pairs; i++) {
    const order = i % 2 === 0 ? [[prot.id, p], [plain.id, u]] as const : [[plain.id, u], [prot.id, p]] as const;
    for (const [id, into] of order) {
      const r = await deliver(id, i);
      if ((id === prot.id) !== r.replicated) throw new Error(`a delivery to ${id} answered replicated=${r.replicated}: the account is not ${r.replicated ? 'un' : ''}protected as expected`);
      if (i >= warmup) into.push(r.ms);
    }
  }
  p.sort((a, c) => a - c);
  u.sort((a, c) => a - c);
  const at = (xs: number[], q: number) => percentile(xs, q);
  return [result({
    name: 'synchronous write overhead p50', value: at(p, 0.5) - at(u, 0.5), unit: 'ms', goal: OVERHEAD_GOAL, digits: 1,
    detail: `p99 overhead ${(at(p, 0.99) - at(u, 0.99)).toFixed(1)} ms; protected p50 ${at(p, 0.5).toFixed(1)} / p99 ${at(p, 0.99).toFixed(1)} ms, ` +
      `unprotected p50 ${at(u, 0.5).toFixed(1)} / p99 ${at(u, 0.99).toFixed(1)} ms (${pairs} pairs of deliveries)`,
  })];
}

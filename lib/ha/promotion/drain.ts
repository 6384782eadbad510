import { agentGroupId, EVENTS_TOPIC, type KafkaAdmin } from '../../kafka';
import type { FencedAccount } from './fence';

export interface DrainResult {
  drained: Map<string, number>;
  /** Accounts whose target did not pass its fence marker in time, with how many records of the account's partition it still had to apply. */
  timedOut: (FencedAccount & { remaining: number })[];
}

/**
 * Step 3: waits until each target's agent group has committed past the fence marker of each of
 * its accounts, i.e. applied everything in the account's partition before the marker (the agent
 * commits offsets only after its database commit). Returns, per account, how many records of
 * its partition the target still had to consume when the wait began ("events drained").
 */
export async function waitForDrain(admin: KafkaAdmin, namespace: string, fenced: FencedAccount[], o: { timeoutMs: number; pollMs?: number; signal?: AbortSignal }): Promise<DrainResult> {
  const byDest = new Map<string, FencedAccount[]>();
  for (const f of fenced) byDest.set(f.destination, [...(byDest.get(f.destination) ?? []), f]);
  const drained = new Map<string, number>();
  const timedOut: DrainResult['timedOut'] = [];
  const deadline = Date.now() + o.timeoutMs;
  await Promise.all([...byDest].map(async ([dest, accounts]) => {
    const group = agentGroupId(dest, namespace);
    let waiting = accounts;
    let first: Map<number, number> | undefined;
    let committed = new Map<number, number>();
    while (waiting.length) {
      committed = await admin.groupOffsets(group, EVENTS_TOPIC);
      first ??= committed;
      const still: FencedAccount[] = [];
      for (const a of waiting) {
        if ((committed.get(a.partition) ?? -1) > a.markerOffset) drained.set(a.accountId, Math.max(0, a.markerOffset - Math.max(0, first.get(a.partition) ?? 0)));
        else still.push(a);
      }
      waiting = still;
      if (!waiting.length) break;
      if (Date.now() > deadline || o.signal?.aborted) {
        timedOut.push(...waiting.map((a) => ({ ...a, remaining: a.markerOffset + 1 - Math.max(0, committed.get(a.partition) ?? 0) })));
        break;
      }
      await new Promise((r) => setTimeout(r, o.pollMs ?? 50));
    }
  }));
  return { drained, timedOut };
}

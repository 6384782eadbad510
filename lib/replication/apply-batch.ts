import type { Conn } from '../db/pool';
import { AccountApplier, type AccountOutcome, type IncomingEvent } from './apply-account';
import { isConsistent, lockPositions, writePositions, writePositionsWithCheckpoints } from './apply-position';
import { writeChanges } from './apply-write';
import { holdEvents } from './pending';

export interface BatchOutcome {
  accounts: AccountOutcome[];
  /** Accounts with events but no replica_position (not prepared here yet, or removed). */
  unknown: string[];
  applied: number;
}

/** Groups events by account, keeping each account's order. */
export function groupByAccount(events: IncomingEvent[]): Map<string, IncomingEvent[]> {
  const out = new Map<string, IncomingEvent[]>();
  for (const e of events) {
    const list = out.get(e.accountId);
    if (list) list.push(e);
    else out.set(e.accountId, [e]);
  }
  return out;
}

/**
 * Applies a whole Kafka batch inside the caller's transaction: locks the positions of the
 * accounts involved, runs each account's events through its applier, then writes every
 * account's net changes, held events and positions with one batched statement per kind.
 */
export async function applyBatch(conn: Conn, host: string, events: IncomingEvent[]): Promise<BatchOutcome> {
  const byAccount = groupByAccount(events);
  const positions = await lockPositions(conn, [...byAccount.keys()]);
  const appliers: AccountApplier[] = [];
  const unknown: string[] = [];
  for (const [accountId, list] of byAccount) {
    const position = positions.get(accountId);
    if (!position) {
      unknown.push(accountId);
      continue;
    }
    const applier = new AccountApplier(conn, host, position);
    for (const ev of list) {
      const step = applier.handle(ev);
      if (step) await step;
    }
    appliers.push(applier);
  }
  const writes = appliers.map((a) => a.pendingWrites());
  // A replica that was consistent when the batch began only moves its checkpoints forward: they
  // are written together with its position (one statement for both tables).
  const together = appliers.filter((a, i) => writes[i].changes.newAbove !== null && writes[i].changes.checkpoints && !writes[i].changes.checkpoints!.force
    && a.position.phase === 'active' && !a.position.paused && !a.outcome.failed && !a.outcome.reinit);
  const withCheckpoints = together.map((a) => {
    const c = a.pendingWrites().changes;
    const values = c.checkpoints!.values;
    c.checkpoints = null;
    return { position: a.position, checkpoints: values };
  });
  await writeChanges(conn, writes.map((w) => w.changes).filter((c) => !c.empty),
    new Map(writes.map((w) => [w.changes.accountId, w.lastChangeAt])));
  await holdEvents(conn, writes.flatMap((w) => w.held));
  await writePositionsWithCheckpoints(conn, withCheckpoints);
  const rest = new Set(together);
  await writePositions(conn, appliers.filter((a) => !rest.has(a)).map((a) => a.position));
  for (const a of appliers) a.outcome.consistent = isConsistent(a.position);
  return { accounts: appliers.map((a) => a.outcome), unknown, applied: appliers.reduce((n, a) => n + a.outcome.applied, 0) };
}

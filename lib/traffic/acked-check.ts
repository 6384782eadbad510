import { existsSync, readFileSync } from 'node:fs';
import type { AckedLine } from './acked-log';

const DELETING = new Set(['deleteItems', 'deleteFolder', 'emptyFolder']);

/** The lines logged so far (none before the first acknowledgement creates the file). */
export function readAckedLog(file: string): AckedLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AckedLine);
}

/**
 * Per account, the items that acknowledged operations created and no acknowledged operation
 * deleted afterwards (operations replayed in sequence order): after any failover, each of them
 * must exist on the account's mailstore, or an acknowledged write was lost.
 */
export function expectedLiveItems(lines: AckedLine[]): Map<string, Set<number>> {
  const byAccount = new Map<string, AckedLine[]>();
  for (const l of lines) byAccount.set(l.accountId, [...(byAccount.get(l.accountId) ?? []), l]);
  const out = new Map<string, Set<number>>();
  for (const [accountId, ops] of byAccount) {
    const live = new Set<number>();
    for (const op of [...ops].sort((a, b) => a.seq - b.seq)) {
      for (const id of op.created) live.add(id);
      if (DELETING.has(op.action)) for (const id of op.itemIds) if (!op.created.includes(id)) live.delete(id);
    }
    out.set(accountId, live);
  }
  return out;
}

/** The highest acknowledged sequence per account. */
export function maxAckedSeq(lines: AckedLine[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.accountId, Math.max(out.get(l.accountId) ?? 0, l.seq));
  return out;
}

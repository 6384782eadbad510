import type { ItemRow, MailboxCheckpoints, TombstoneRow } from '../mailstore/model';

/**
 * The net effect of consecutive changes to one replica mailbox: the last full row of every
 * item touched (or its deletion), the tombstones written, and the newest checkpoints. Events
 * carry full rows after the change, so keeping the last state of each item is exact.
 */
export class ChangeCoalescer {
  /** itemId -> final row, or null when the last change deleted it. */
  readonly items = new Map<number, ItemRow | null>();
  readonly tombstones = new Map<string, TombstoneRow>();
  checkpoints: { seq: number; values: MailboxCheckpoints; force: boolean } | null = null;
  events = 0;

  /**
   * @param newAbove item ids above this cannot exist in the replica yet (it was consistent at the
   * source's item_id_checkpoint when the batch began): their rows are plain INSERTs. null: unknown.
   */
  constructor(readonly accountId: string, readonly mailboxId: number, readonly newAbove: number | null = null) {}

  upsert(rows: ItemRow[]) {
    for (const r of rows) this.items.set(r.id, r);
  }

  delete(ids: number[]) {
    for (const id of ids) this.items.set(id, null);
  }

  addTombstones(rows: TombstoneRow[]) {
    for (const t of rows) this.tombstones.set(`${t.sequence}:${t.type}`, t);
  }

  /** Checkpoints as of `seq`; `force` overwrites even newer ones (a fresh snapshot's start). */
  setCheckpoints(seq: number, values: MailboxCheckpoints, force = false) {
    if (force || !this.checkpoints || seq >= this.checkpoints.seq) this.checkpoints = { seq, values, force: force || (this.checkpoints?.force ?? false) };
  }

  get empty(): boolean {
    return this.items.size === 0 && this.tombstones.size === 0 && this.checkpoints === null;
  }

  deletedIds(): number[] {
    const out: number[] = [];
    for (const [id, row] of this.items) if (row === null) out.push(id);
    return out;
  }

  /** Final rows that may replace an existing row, and rows of items that cannot exist yet. */
  upsertRows(): { replace: ItemRow[]; insert: ItemRow[] } {
    const replace: ItemRow[] = [];
    const insert: ItemRow[] = [];
    for (const row of this.items.values()) {
      if (row === null) continue;
      if (this.newAbove !== null && row.id > this.newAbove) insert.push(row);
      else replace.push(row);
    }
    return { replace, insert };
  }
}

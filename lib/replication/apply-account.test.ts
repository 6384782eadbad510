import { describe, expect, it } from 'vitest';
import type { Conn } from '../db/pool';
import type { ItemRow } from '../mailstore/model';
import { AccountApplier, REINIT_PREFIX, type IncomingEvent } from './apply-account';
import { isConsistent, type ReplicaPosition } from './apply-position';
import type { Envelope } from './envelope';

// The apply rules on a fake connection that keeps held events in memory and records writes.
const ACC = '11111111-1111-4111-8111-111111111111';
const HOST = 'dst.example.com';

class FakeConn {
  held = new Map<number, string>();
  writes: string[] = [];
  async query(sql: string, params: unknown[] = []) {
    const s = sql.trim();
    if (s.startsWith('SELECT seq, payload FROM replica_pending_event')) {
      const [, after, limit] = params as [string, number, number];
      return [...this.held].filter(([seq]) => seq > after).sort((a, b) => a[0] - b[0]).slice(0, limit).map(([seq, payload]) => ({ seq, payload }));
    }
    if (s.startsWith('DELETE FROM replica_pending_event')) {
      for (const seq of [...this.held.keys()]) if (params.length === 1 || seq <= (params[1] as number)) this.held.delete(seq);
      return { affectedRows: 0 };
    }
    if (s.startsWith('INSERT IGNORE INTO replica_pending_event')) {
      this.hold([params]);
      return {};
    }
    this.writes.push(s.split(/\s+/).slice(0, 3).join(' '));
    return { affectedRows: 0 };
  }
  async batch(sql: string, rows: unknown[][]) {
    if (sql.startsWith('INSERT IGNORE INTO replica_pending_event')) this.hold(rows);
    else this.writes.push(`${sql.split(/\s+/).slice(0, 3).join(' ')} x${rows.length}`);
    return {};
  }
  private hold(rows: unknown[][]) {
    for (const [, seq, payload] of rows) if (!this.held.has(seq as number)) this.held.set(seq as number, payload as string);
  }
}

function position(p: Partial<ReplicaPosition> = {}): ReplicaPosition {
  return { accountId: ACC, mailboxId: 7, phase: 'active', paused: false, appliedSeq: 10, epoch: 1, snapshotId: null, snapshotSeq: null, snapshotItems: 0,
    consistentSeq: 0, lastEventTs: null, lastError: null, itemCheckpoint: 400, ...p };
}

const item = (id: number): ItemRow => ({ id, type: 5, parent_id: 2, folder_id: 2, date: 1, size: 1, locator: null, blob_digest: null, unread: 0, flags: 0, tags: '',
  sender: null, recipients: null, subject: `s${id}`, name: null, metadata: null, mod_metadata: 1, change_date: 1, mod_content: 1, uuid: null });

let offset = 0;
function ev(e: Partial<Envelope> & Pick<Envelope, 'op'>): IncomingEvent {
  const base = { v: 1, accountId: ACC, mailboxId: 3, epoch: 1, seq: 0, txId: `t${offset}`, ts: 1_800_000_000_000 };
  const envelope = { ...base, ...e } as Envelope;
  return { accountId: ACC, raw: JSON.stringify(envelope), envelope, partition: 0, offset: offset++ };
}
const change = (seq: number, ids: number[] = [300 + seq], epoch = 1) => ev({
  op: 'CreateMessage', seq, epoch,
  payload: { mailbox: { item_id_checkpoint: 300 + seq, change_checkpoint: seq, size_checkpoint: 0, contact_count: 0 }, upserts: ids.map(item), deletes: [], tombstones: [] },
} as Partial<Envelope> & Pick<Envelope, 'op'>);
const snap = (op: 'SnapshotBegin' | 'SnapshotChunk' | 'SnapshotEnd', seq: number, payload: object, target = HOST) => ev({
  op, seq, payload: { snapshotId: '22222222-2222-4222-8222-222222222222', target, ...payload },
} as Partial<Envelope> & Pick<Envelope, 'op'>);
const begin = (seq: number, resumed = false, afterItemId = 0) => snap('SnapshotBegin', seq, { resumed, afterItemId, totalItems: 3,
  mailbox: { item_id_checkpoint: 300 + seq, change_checkpoint: seq, size_checkpoint: 0, contact_count: 0 } });

async function run(p: ReplicaPosition, events: IncomingEvent[], conn = new FakeConn()) {
  const a = new AccountApplier(conn as unknown as Conn, HOST, p);
  for (const e of events) await a.handle(e);
  return { a, conn, w: a.pendingWrites() };
}

describe('AccountApplier on an active replica', () => {
  it('applies the next sequences, skips what it already has and older epochs', async () => {
    const { a, w } = await run(position({ itemCheckpoint: 310 }), [change(9), change(10), change(11), change(12), change(13, [500], 0)]);
    expect(a.position.appliedSeq).toBe(12);
    expect(a.outcome).toMatchObject({ applied: 2, skipped: 3 });
    expect(w.changes.upsertRows().insert.map((r) => r.id)).toEqual([311, 312]);
    expect(w.changes.checkpoints?.seq).toBe(12);
  });

  it('raises the epoch on a Fence and then refuses the old epoch', async () => {
    const fence = ev({ op: 'Fence', seq: 11, payload: { newEpoch: 2, promotedTo: 'x.example.com' } } as Partial<Envelope> & Pick<Envelope, 'op'>);
    const { a } = await run(position(), [change(11), fence, change(12, [312], 1), change(12, [312], 2)]);
    expect(a.position).toMatchObject({ epoch: 2, appliedSeq: 12 });
    expect(a.outcome).toMatchObject({ applied: 2, skipped: 1 });
  });

  it('asks for a new snapshot on a gap in the sequence', async () => {
    const { a } = await run(position(), [change(11), change(14), change(15)]);
    expect(a.position.phase).toBe('failed');
    expect(a.position.appliedSeq).toBe(11);
    expect(a.outcome.reinit).toMatch(/missed events 12..13/);
    expect(a.position.lastError?.startsWith(REINIT_PREFIX)).toBe(true);
    expect(a.outcome.skipped).toBe(1);
  });

  it('fails on a poison record, keeping what came before, and skips the rest', async () => {
    const bad: IncomingEvent = { accountId: ACC, raw: '{oops', poison: 'not JSON', partition: 4, offset: 99 };
    const { a } = await run(position(), [change(11), bad, change(12)]);
    expect(a.position).toMatchObject({ phase: 'failed', appliedSeq: 11 });
    expect(a.outcome.failed).toBe('event at partition 4 offset 99 rejected: not JSON');
    expect(a.outcome.poison).toHaveLength(1);
    expect(a.outcome.skipped).toBe(1);
  });

  it('holds live events while paused', async () => {
    const { a, w } = await run(position({ paused: true }), [change(11), change(12)]);
    expect(a.outcome).toMatchObject({ applied: 0, held: 2 });
    expect(w.held.map((h) => h.seq)).toEqual([11, 12]);
    expect(a.position.appliedSeq).toBe(10);
  });
});

describe('AccountApplier merging a snapshot with live events', () => {
  it('holds live events, takes the snapshot at S, replays the events above S and becomes consistent', async () => {
    const p = position({ phase: 'waiting_snapshot', appliedSeq: 0, consistentSeq: null });
    const { a, conn } = await run(p, [
      change(19), change(20), change(21), // published before the snapshot record: 19, 20 are inside the snapshot
      begin(20),
      change(22),
      snap('SnapshotChunk', 20, { chunk: 0, items: [item(1), item(2), item(320)], tombstones: [] }),
      snap('SnapshotEnd', 20, { chunks: 1, items: 3 }),
      change(23),
    ]);
    expect(conn.writes).toContain('DELETE FROM mail_item');
    expect(a.position).toMatchObject({ phase: 'active', snapshotSeq: 20, consistentSeq: 20, appliedSeq: 23, snapshotItems: 3 });
    expect(isConsistent(a.position)).toBe(true);
    expect(a.outcome.snapshotEnded).toBe(true);
    expect(conn.held.size).toBe(0);
  });

  it('continues a resumed pass of the same snapshot; refuses to resume one it never started', async () => {
    const p = position({ phase: 'waiting_snapshot', appliedSeq: 0, consistentSeq: null });
    const { a } = await run(p, [
      begin(20), change(21), snap('SnapshotChunk', 20, { chunk: 0, items: [item(1)], tombstones: [] }),
      change(22), begin(22, true, 1), snap('SnapshotChunk', 22, { chunk: 0, items: [item(2)], tombstones: [] }), snap('SnapshotEnd', 22, { chunks: 1, items: 2 }),
    ]);
    expect(a.position).toMatchObject({ phase: 'active', snapshotSeq: 20, consistentSeq: 22, appliedSeq: 22 });
    const lost = await run(position({ phase: 'waiting_snapshot', appliedSeq: 0 }), [begin(22, true, 1)]);
    expect(lost.a.outcome.reinit).toMatch(/never received its start/);
  });

  it('ignores snapshots addressed to another destination and replays of a completed one', async () => {
    const other = await run(position({ phase: 'waiting_snapshot', appliedSeq: 0 }), [snap('SnapshotBegin', 5, { resumed: false, afterItemId: 0, totalItems: 0,
      mailbox: { item_id_checkpoint: 1, change_checkpoint: 5, size_checkpoint: 0, contact_count: 0 } }, 'elsewhere.example.com')]);
    expect(other.a.position.phase).toBe('waiting_snapshot');
    const done = await run(position({ snapshotId: '22222222-2222-4222-8222-222222222222', appliedSeq: 30 }), [begin(20), snap('SnapshotEnd', 20, { chunks: 1, items: 1 })]);
    expect(done.a.position).toMatchObject({ phase: 'active', appliedSeq: 30 });
    expect(done.a.outcome.skipped).toBe(2);
  });

  it('detects events missing between the snapshot and the held ones', async () => {
    const p = position({ phase: 'waiting_snapshot', appliedSeq: 0 });
    const { a } = await run(p, [begin(20), change(23), snap('SnapshotEnd', 20, { chunks: 0, items: 0 })]);
    expect(a.outcome.reinit).toMatch(/missed events 21..22/);
  });
});

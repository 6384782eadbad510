import { describe, expect, it } from 'vitest';
import type { ItemRow } from '../mailstore/model';
import { ChangeCoalescer } from './apply-coalesce';

const row = (id: number, name: string | null = null): ItemRow => ({
  id, type: 5, parent_id: 2, folder_id: 2, date: 1, size: 1, locator: null, blob_digest: null, unread: 0, flags: 0, tags: '', sender: null,
  recipients: null, subject: null, name, metadata: null, mod_metadata: 1, change_date: 1, mod_content: 1, uuid: null,
});
const cp = (seq: number) => ({ item_id_checkpoint: 300 + seq, change_checkpoint: seq, size_checkpoint: 0, contact_count: 0 });

describe('ChangeCoalescer', () => {
  it('keeps the last full row of each item, or its deletion', () => {
    const c = new ChangeCoalescer('a', 1);
    c.upsert([row(300, 'x'), row(301)]);
    c.upsert([row(300, 'y')]);
    c.delete([301]);
    c.upsert([row(302)]);
    c.delete([302]);
    c.upsert([row(302, 'back')]);
    expect(c.deletedIds()).toEqual([301]);
    expect(c.upsertRows().replace.map((r) => [r.id, r.name])).toEqual([[300, 'y'], [302, 'back']]);
  });

  it('writes items above the known checkpoint as plain inserts, the others as replacements', () => {
    const c = new ChangeCoalescer('a', 1, 300);
    c.upsert([row(299), row(300), row(301), row(450)]);
    const { replace, insert } = c.upsertRows();
    expect(replace.map((r) => r.id)).toEqual([299, 300]);
    expect(insert.map((r) => r.id)).toEqual([301, 450]);
    expect(new ChangeCoalescer('a', 1).upsertRows().insert).toEqual([]);
  });

  it('keeps the newest checkpoints, and a forced (fresh snapshot) value stays forced', () => {
    const c = new ChangeCoalescer('a', 1);
    c.setCheckpoints(5, cp(5));
    c.setCheckpoints(4, cp(4));
    expect(c.checkpoints).toEqual({ seq: 5, values: cp(5), force: false });
    c.setCheckpoints(3, cp(3), true);
    expect(c.checkpoints).toEqual({ seq: 3, values: cp(3), force: true });
    c.setCheckpoints(9, cp(9));
    expect(c.checkpoints).toEqual({ seq: 9, values: cp(9), force: true });
  });

  it('merges tombstones by sequence and type and knows when it is empty', () => {
    const c = new ChangeCoalescer('a', 1);
    expect(c.empty).toBe(true);
    c.addTombstones([{ sequence: 7, date: 1, type: 5, ids: '1' }, { sequence: 7, date: 1, type: 5, ids: '1,2' }, { sequence: 7, date: 1, type: 1, ids: '9' }]);
    expect([...c.tombstones.values()].map((t) => t.ids)).toEqual(['1,2', '9']);
    expect(c.empty).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvelopeSchema, ItemRowSchema, type MailboxEnvelope } from './envelope';
import { decodeForApply, isItemRow, isPlainMailboxEnvelope } from './apply-decode';

const valid = {
  id: 300, type: 5, parent_id: 2, folder_id: 2, date: 1, size: 10, locator: 'b/1', blob_digest: 'a'.repeat(64), unread: 1, flags: 8, tags: '',
  sender: 's@x.io', recipients: 'r@x.io', subject: 'hello', name: null, metadata: null, mod_metadata: 3, change_date: 1, mod_content: 3, uuid: null,
};

const anyValue = fc.oneof(
  fc.integer({ min: -5, max: 300 }), fc.constantFrom(0, -0, 127, 128, 2 ** 53, 2 ** 53 - 1, 1.5, Number.NaN, Infinity),
  fc.constant(null), fc.constant(undefined), fc.boolean(),
  fc.string({ maxLength: 70 }), fc.string({ minLength: 250, maxLength: 260, unit: 'grapheme' }),
  fc.constantFrom('😀'.repeat(36), '😀'.repeat(37), 'x'.repeat(64), 'x'.repeat(65), 'y'.repeat(255), 'y'.repeat(256)),
);

describe('isItemRow', () => {
  it('accepts exactly the rows ItemRowSchema accepts (generated rows, one field changed at a time)', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.keys(valid)), anyValue, (key, value) => {
      const row = { ...valid, [key]: value };
      expect(isItemRow(row)).toBe(ItemRowSchema.safeParse(row).success);
    }), { numRuns: 3000 });
  });

  it('agrees on wholly random rows and on non-objects', () => {
    fc.assert(fc.property(fc.record(Object.fromEntries(Object.keys(valid).map((k) => [k, anyValue]))), (row) => {
      expect(isItemRow(row)).toBe(ItemRowSchema.safeParse(row).success);
    }), { numRuns: 2000 });
    for (const x of [null, [], 'row', 5]) expect(isItemRow(x)).toBe(false);
  });
});

describe('decodeForApply', () => {
  const envelope = (upserts: unknown[]) => JSON.stringify({
    v: 1, accountId: '11111111-1111-4111-8111-111111111111', mailboxId: 1, epoch: 1, seq: 4, txId: 't', op: 'CreateMessage', ts: 1,
    payload: { mailbox: { item_id_checkpoint: 300, change_checkpoint: 4, size_checkpoint: 0, contact_count: 0 }, upserts, deletes: [], tombstones: [] },
  });

  it('gives the same envelope as the codec, unknown keys stripped', () => {
    const e = decodeForApply(envelope([{ ...valid, extra: 'dropped' }])) as MailboxEnvelope;
    expect(e.payload.upserts).toEqual([valid]);
    expect(e.seq).toBe(4);
  });

  it('keeps the rows of a snapshot chunk, stripping unknown keys from those that have them', () => {
    const chunk = JSON.stringify({
      v: 1, accountId: '11111111-1111-4111-8111-111111111111', mailboxId: 1, epoch: 1, seq: 4, txId: 'snap:s:4:1', op: 'SnapshotChunk', ts: 1,
      payload: { snapshotId: '22222222-2222-4222-8222-222222222222', target: 'mbox2.example.com', chunk: 0, items: [valid, { ...valid, id: 301, extra: 'dropped' }], tombstones: [] },
    });
    const e = decodeForApply(chunk);
    expect(e.op).toBe('SnapshotChunk');
    expect((e.payload as { items: unknown[] }).items).toEqual([valid, { ...valid, id: 301 }]);
    expect(() => decodeForApply(chunk.replace('"chunk":0', '"chunk":-1'))).toThrow(/invalid event envelope/);
  });

  it("refuses a bad row or envelope with zod's own message", () => {
    expect(() => decodeForApply(envelope([{ ...valid, type: 500 }]))).toThrow(/invalid event envelope: payload.upserts.0.type/);
    expect(() => decodeForApply(envelope([valid]).replace('"v":1', '"v":2'))).toThrow(/invalid event envelope/);
    expect(() => decodeForApply('{nope')).toThrow(/not JSON/);
  });
});

describe('isPlainMailboxEnvelope', () => {
  const base = () => ({
    v: 1, accountId: '11111111-1111-4111-8111-111111111111', mailboxId: 1, epoch: 2, seq: 4, txId: 't-1', op: 'CreateMessage', ts: 1_800_000_000_000,
    payload: {
      mailbox: { item_id_checkpoint: 300, change_checkpoint: 4, size_checkpoint: 0, contact_count: 0 },
      upserts: [{ ...valid }], deletes: [7], tombstones: [{ sequence: 4, date: 1, type: 5, ids: '7' }],
    },
  });
  // Where a generated value goes: a top-level key, a payload key, a checkpoint, a row field, a tombstone field, a deleted id, or a new key.
  const paths = [
    ...Object.keys(base()).map((k) => [k]), ...Object.keys(base().payload).map((k) => ['payload', k]),
    ...Object.keys(base().payload.mailbox).map((k) => ['payload', 'mailbox', k]), ...Object.keys(valid).map((k) => ['payload', 'upserts', '0', k]),
    ['payload', 'tombstones', '0', 'sequence'], ['payload', 'tombstones', '0', 'ids'], ['payload', 'deletes', '0'],
    ['extra'], ['payload', 'extra'], ['payload', 'mailbox', 'extra'], ['payload', 'upserts', '0', 'extra'], ['payload', 'tombstones', '0', 'extra'],
  ];
  const special = fc.constantFrom('SnapshotEnd', 'DeleteItem', '11111111-1111-4111-8111-11111111111', 'x'.repeat(64), 'x'.repeat(65), '', 1, 2, [], {});

  it('accepts only what EnvelopeSchema accepts, and then the parsed JSON equals its output', () => {
    fc.assert(fc.property(fc.constantFrom(...paths), fc.oneof(anyValue, special), fc.boolean(), (path, value, remove) => {
      const e = base() as Record<string, unknown>;
      let at = e;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
      if (remove) delete at[path[path.length - 1]];
      else at[path[path.length - 1]] = value;
      const json = JSON.parse(JSON.stringify(e)) as unknown;
      const parsed = EnvelopeSchema.safeParse(json);
      if (isPlainMailboxEnvelope(json)) {
        expect(parsed.success).toBe(true);
        expect(json).toEqual(parsed.data);
      }
      const decoded = (() => { try { return decodeForApply(JSON.stringify(json)); } catch { return undefined; } })();
      expect(decoded).toEqual(parsed.success ? parsed.data : undefined);
    }), { numRuns: 4000 });
  });

  it('takes the usual mailbox transaction as it is', () => {
    expect(isPlainMailboxEnvelope(base())).toBe(true);
    expect(isPlainMailboxEnvelope({ ...base(), extra: 1 })).toBe(false);
    expect(isPlainMailboxEnvelope({ ...base(), op: 'SnapshotEnd' })).toBe(false);
  });

  it('refuses an object with as many keys as expected when one of them is another key', () => {
    const { txId, ...rest } = base();
    expect(isPlainMailboxEnvelope({ ...rest, txid: txId })).toBe(false);
    const e = base();
    const { subject, ...row } = e.payload.upserts[0];
    expect(isPlainMailboxEnvelope({ ...e, payload: { ...e.payload, upserts: [{ ...row, Subject: subject }] } })).toBe(false);
    const { contact_count, ...mailbox } = e.payload.mailbox;
    expect(isPlainMailboxEnvelope({ ...e, payload: { ...e.payload, mailbox: { ...mailbox, contacts: contact_count } } })).toBe(false);
  });
});

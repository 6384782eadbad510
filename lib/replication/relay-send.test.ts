import { expect, it } from 'vitest';
import { encodeEvent, serializeEvent } from './codec';
import type { Envelope } from './envelope';
import { recordOf } from './relay-send';

const envelope: Envelope = {
  v: 1, accountId: '9e94f5e0-8e0d-4f61-93aa-00747ac3dba6', mailboxId: 1, epoch: 1, seq: 5, txId: 'c1b7e0f2-5d3a-4e8b-9a61-7f0e2d4c8b19', ts: 1795934447141,
  op: 'SetItemTags', payload: { mailbox: { item_id_checkpoint: 300, change_checkpoint: 5, size_checkpoint: 10, contact_count: 0 }, upserts: [], deletes: [], tombstones: [] },
};

it('sends the stored JSON unchanged, with the key and headers the codec would set', () => {
  const payload = serializeEvent(envelope);
  const rec = recordOf({ id: 1, accountId: envelope.accountId, seq: 5, epoch: 1, payload });
  expect(rec.value).toBe(payload);
  const reference = encodeEvent(envelope);
  expect(rec.key).toBe(reference.key);
  expect(rec.headers).toEqual(reference.headers);
});

it('an op name inside item data does not confuse the header (the envelope op comes first)', () => {
  const tricky: Envelope = { ...envelope, op: 'CreateFolder', payload: { ...envelope.payload, upserts: [] } };
  const payload = serializeEvent(tricky).replace('"deletes":[]', '"deletes":[],"note":"\\"op\\":\\"Fence\\""');
  expect(recordOf({ id: 1, accountId: envelope.accountId, seq: 5, epoch: 1, payload }).headers).toMatchObject({ 'carbonio-op': 'CreateFolder' });
});

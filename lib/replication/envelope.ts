import { z } from 'zod';

/**
 * Version 1 of the event envelope on `carbonio.ha.events` (docs/events.md documents every op
 * with an example). Key = accountId; header `carbonio-account` = accountId; value = this JSON.
 */
export const ENVELOPE_VERSION = 1;

export const MAILBOX_OPS = [
  'CreateMessage', 'CreateFolder', 'CreateTag', 'RenameItem', 'MoveItem', 'CopyItem', 'SetItemFlags', 'SetItemTags',
  'AlterItemTag', 'DeleteItem', 'EmptyFolder', 'CreateContact', 'ModifyContact', 'SetCalendarItem',
] as const;
export const SNAPSHOT_OPS = ['SnapshotBegin', 'SnapshotChunk', 'SnapshotEnd'] as const;
export const CONTROL_OPS = ['Fence'] as const;
export type MailboxOp = (typeof MAILBOX_OPS)[number];
export type EventOp = MailboxOp | (typeof SNAPSHOT_OPS)[number] | (typeof CONTROL_OPS)[number];

const int = z.number().int();
const nonNeg = int.min(0);

export const ItemRowSchema = z.object({
  id: int.positive(),
  type: int.min(1).max(127),
  parent_id: int.nullable(),
  folder_id: int.nullable(),
  date: nonNeg,
  size: nonNeg,
  locator: z.string().max(1024).nullable(),
  blob_digest: z.string().max(64).nullable(),
  unread: nonNeg,
  flags: int,
  tags: z.string().max(1024),
  sender: z.string().max(255).nullable(),
  recipients: z.string().max(1024).nullable(),
  subject: z.string().nullable(),
  name: z.string().max(255).nullable(),
  metadata: z.string().nullable(),
  mod_metadata: nonNeg,
  change_date: nonNeg,
  mod_content: nonNeg,
  uuid: z.string().max(36).nullable(),
});

export const TombstoneRowSchema = z.object({ sequence: nonNeg, date: nonNeg, type: int, ids: z.string() });

export const CheckpointsSchema = z.object({
  item_id_checkpoint: nonNeg,
  change_checkpoint: nonNeg,
  size_checkpoint: nonNeg,
  contact_count: nonNeg,
});

/** A mailbox transaction: full rows after the change, ids deleted, tombstones written. */
export const ChangePayloadSchema = z.object({
  mailbox: CheckpointsSchema,
  upserts: z.array(ItemRowSchema),
  deletes: z.array(int.positive()),
  tombstones: z.array(TombstoneRowSchema),
});

export const SnapshotBeginSchema = z.object({
  snapshotId: z.uuid(),
  /** The destination mailstore this snapshot initialises; other agents ignore it. */
  target: z.string().min(1),
  /** True when this continues a snapshot interrupted by a crash of the source. */
  resumed: z.boolean(),
  /** Items with an id above this are in this pass (0 for a fresh snapshot). */
  afterItemId: nonNeg,
  mailbox: CheckpointsSchema,
  totalItems: nonNeg,
});
export const SnapshotChunkSchema = z.object({
  snapshotId: z.uuid(),
  target: z.string().min(1),
  chunk: nonNeg,
  items: z.array(ItemRowSchema),
  tombstones: z.array(TombstoneRowSchema),
});
export const SnapshotEndSchema = z.object({
  snapshotId: z.uuid(),
  target: z.string().min(1),
  chunks: nonNeg,
  items: nonNeg,
});
export const FenceSchema = z.object({
  /** The epoch that now owns the account; older epochs' events are skipped from here on. */
  newEpoch: int.positive(),
  promotedTo: z.string().min(1),
  operationId: z.uuid().optional(),
});

const base = {
  v: z.literal(ENVELOPE_VERSION),
  accountId: z.uuid(),
  mailboxId: int.positive(),
  epoch: int.positive(),
  seq: nonNeg,
  txId: z.string().min(1).max(64),
  ts: z.number().int().positive(),
};

export const EnvelopeSchema = z.discriminatedUnion('op', [
  z.object({ ...base, op: z.enum(MAILBOX_OPS), payload: ChangePayloadSchema }),
  z.object({ ...base, op: z.literal('SnapshotBegin'), payload: SnapshotBeginSchema }),
  z.object({ ...base, op: z.literal('SnapshotChunk'), payload: SnapshotChunkSchema }),
  z.object({ ...base, op: z.literal('SnapshotEnd'), payload: SnapshotEndSchema }),
  z.object({ ...base, op: z.literal('Fence'), payload: FenceSchema }),
]);

export type Envelope = z.infer<typeof EnvelopeSchema>;
export type ChangePayload = z.infer<typeof ChangePayloadSchema>;
export type MailboxEnvelope = Extract<Envelope, { payload: ChangePayload }>;
export type SnapshotBeginEnvelope = Extract<Envelope, { op: 'SnapshotBegin' }>;
export type SnapshotChunkEnvelope = Extract<Envelope, { op: 'SnapshotChunk' }>;
export type SnapshotEndEnvelope = Extract<Envelope, { op: 'SnapshotEnd' }>;
export type FenceEnvelope = Extract<Envelope, { op: 'Fence' }>;

export function isMailboxEvent(e: Envelope): e is MailboxEnvelope {
  return (MAILBOX_OPS as readonly string[]).includes(e.op);
}

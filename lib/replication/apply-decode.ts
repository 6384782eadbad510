import { regexes } from 'zod/v4/core';
import { ValidationError } from '../errors';
import { ITEM_COLUMNS, type ItemRow } from '../mailstore/model';
import { decodeEvent } from './codec';
import { ENVELOPE_VERSION, EnvelopeSchema, MAILBOX_OPS, type Envelope, type MailboxEnvelope } from './envelope';

/** String length as zod measures it (and as MariaDB's VARCHAR counts): code points. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const int = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const str = (v: unknown, max?: number): v is string => typeof v === 'string' && (max === undefined || v.length <= max || codePoints(v) <= max);
const optStr = (v: unknown, max?: number) => v === null || str(v, max);
const optInt = (v: unknown) => v === null || int(v);
const nonNeg = (v: unknown) => int(v) && v >= 0;
const positive = (v: unknown) => int(v) && v > 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The same rules as ItemRowSchema (lib/replication/envelope.ts), compiled by hand for the apply
 * hot path: a snapshot chunk carries thousands of rows and zod costs several microseconds each.
 * apply-decode.test.ts proves, on generated rows, that it accepts exactly what the schema accepts.
 */
export function isItemRow(r: unknown): r is ItemRow {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
  const o = r as Record<string, unknown>;
  return int(o.id) && o.id > 0 && int(o.type) && o.type >= 1 && o.type <= 127 && optInt(o.parent_id) && optInt(o.folder_id)
    && nonNeg(o.date) && nonNeg(o.size) && optStr(o.locator, 1024) && optStr(o.blob_digest, 64) && nonNeg(o.unread) && int(o.flags)
    && str(o.tags, 1024) && optStr(o.sender, 255) && optStr(o.recipients, 1024) && optStr(o.subject) && optStr(o.name, 255)
    && optStr(o.metadata) && nonNeg(o.mod_metadata) && nonNeg(o.change_date) && nonNeg(o.mod_content) && optStr(o.uuid, 36);
}

/**
 * True when `o` has as many own keys as `keys` and no inherited enumerable one. Every caller also
 * checks each of `keys` (a missing one is undefined and fails its check), so together: exactly
 * these keys, in any order (then zod's output would hold the same keys).
 */
function hasExactly(o: Record<string, unknown>, keys: readonly string[]): boolean {
  let n = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    n++;
  }
  return n === keys.length;
}

const UUID = regexes.uuid();
const MAILBOX_OP_SET = new Set<string>(MAILBOX_OPS);
const ENVELOPE_KEYS = ['v', 'accountId', 'mailboxId', 'epoch', 'seq', 'txId', 'ts', 'op', 'payload'];
const CHANGE_KEYS = ['mailbox', 'upserts', 'deletes', 'tombstones'];
const CHECKPOINT_KEYS = ['item_id_checkpoint', 'change_checkpoint', 'size_checkpoint', 'contact_count'];
const TOMBSTONE_KEYS = ['sequence', 'date', 'type', 'ids'];

const isTombstone = (t: unknown) => isObject(t) && hasExactly(t, TOMBSTONE_KEYS) && nonNeg(t.sequence) && nonNeg(t.date) && int(t.type) && str(t.ids);

/**
 * A mailbox transaction (the stream's common case) that EnvelopeSchema accepts and whose objects
 * carry no key the schema would strip: then the parsed JSON is already the schema's output and
 * is used as it is (no copy, so less garbage on the apply path). Anything else returns false and
 * takes the general path.
 */
export function isPlainMailboxEnvelope(o: unknown): o is MailboxEnvelope {
  if (!isObject(o) || !hasExactly(o, ENVELOPE_KEYS)) return false;
  if (o.v !== ENVELOPE_VERSION || typeof o.accountId !== 'string' || !UUID.test(o.accountId) || !positive(o.mailboxId) || !positive(o.epoch)
    || !nonNeg(o.seq) || !str(o.txId, 64) || o.txId.length === 0 || !positive(o.ts) || typeof o.op !== 'string' || !MAILBOX_OP_SET.has(o.op)) return false;
  const p = o.payload;
  if (!isObject(p) || !hasExactly(p, CHANGE_KEYS)) return false;
  const m = p.mailbox;
  if (!isObject(m) || !hasExactly(m, CHECKPOINT_KEYS) || !nonNeg(m.item_id_checkpoint) || !nonNeg(m.change_checkpoint)
    || !nonNeg(m.size_checkpoint) || !nonNeg(m.contact_count)) return false;
  const { upserts, deletes, tombstones } = p;
  if (!Array.isArray(upserts) || !Array.isArray(deletes) || !Array.isArray(tombstones)) return false;
  for (const r of upserts) if (!isItemRow(r) || !hasExactly(r as unknown as Record<string, unknown>, ITEM_COLUMNS)) return false;
  for (const id of deletes) if (!positive(id)) return false;
  for (const t of tombstones) if (!isTombstone(t)) return false;
  return true;
}

/** The row with exactly the schema's keys (zod strips unknown keys too). */
function pick(o: Record<string, unknown>): ItemRow {
  const out: Record<string, unknown> = {};
  for (const c of ITEM_COLUMNS) out[c] = o[c];
  return out as unknown as ItemRow;
}

/**
 * Decodes a record for the agent: a plain mailbox transaction by `isPlainMailboxEnvelope`;
 * otherwise the envelope is validated by its zod schema, except the item rows, which go through
 * `isItemRow`; anything refused is decoded again by `decodeEvent` so the
 * error (for the DLQ) is zod's own message.
 */
export function decodeForApply(raw: string): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return decodeEvent(raw); // throws the codec's "not JSON" error
  }
  if (isPlainMailboxEnvelope(json)) return json;
  const payload = (json as { payload?: Record<string, unknown> } | null)?.payload;
  const key = payload && Array.isArray(payload.items) ? 'items' : payload && Array.isArray(payload.upserts) ? 'upserts' : undefined;
  if (!key) return strict(raw, json);
  const rows = payload![key] as unknown[];
  if (!rows.every(isItemRow)) return decodeEvent(raw);
  const parsed = EnvelopeSchema.safeParse({ ...(json as object), payload: { ...payload, [key]: [] } });
  if (!parsed.success) return decodeEvent(raw);
  (parsed.data.payload as Record<string, unknown>)[key] = rows.map((r) => pick(r as unknown as Record<string, unknown>));
  return parsed.data;
}

function strict(raw: string, json: unknown): Envelope {
  const parsed = EnvelopeSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  try {
    return decodeEvent(raw);
  } catch (err) {
    throw err instanceof ValidationError ? err : ValidationError.single('value', String(err));
  }
}

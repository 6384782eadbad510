import { ValidationError } from '../errors';
import { ACCOUNT_HEADER, EVENT_OP_HEADER, type OutgoingRecord } from '../kafka';
import { type Envelope, EnvelopeSchema } from './envelope';

/** The Kafka record of an event: key and header = accountId, value = the envelope's JSON. */
export function encodeEvent(e: Envelope): OutgoingRecord {
  return { key: e.accountId, value: JSON.stringify(e), headers: { [ACCOUNT_HEADER]: e.accountId, [EVENT_OP_HEADER]: e.op } };
}

/** Serialises an envelope for the outbox (the relay sends these bytes unchanged). */
export function serializeEvent(e: Envelope): string {
  return JSON.stringify(EnvelopeSchema.parse(e));
}

/** Decodes and validates a record's value; the error says what is wrong, for the DLQ. */
export function decodeEvent(value: Buffer | string | null): Envelope {
  if (value === null || value.length === 0) throw ValidationError.single('value', 'empty record value');
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (err) {
    throw ValidationError.single('value', `not JSON: ${(err as Error).message}`);
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => ({ field: i.path.join('.') || 'value', message: i.message }));
    throw new ValidationError(`invalid event envelope: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
  }
  return parsed.data;
}

import { commitAll, type Pool } from '../db/pool';
import { ACCOUNT_HEADER, EVENT_OP_HEADER, EVENTS_TOPIC, type EventProducer, type OutgoingRecord } from '../kafka';
import { encodeEvent } from './codec';
import type { Envelope } from './envelope';
import { deleteOutboxStatements, type OutboxRow } from './outbox';
import { advancePositionsStatements } from './relay-positions';
import type { PublishAck } from './relay-waiters';

/**
 * The Kafka record of an outbox row: the stored JSON unchanged, key and headers as the codec
 * sets them. The op is read from the JSON text (it precedes the payload in every stored
 * envelope) rather than by parsing whole events on the hot path.
 */
export function recordOf(row: OutboxRow): OutgoingRecord {
  const op = /"op":"([A-Za-z]+)"/.exec(row.payload)?.[1];
  if (!op) return { ...encodeEvent(JSON.parse(row.payload) as Envelope), value: row.payload };
  return { key: row.accountId, value: row.payload, headers: { [ACCOUNT_HEADER]: row.accountId, [EVENT_OP_HEADER]: op } };
}

/** Sends the rows in order in one request per partition; resolves with each row's offset. */
export async function publishRows(producer: EventProducer, rows: OutboxRow[]): Promise<PublishAck[]> {
  return producer.send(EVENTS_TOPIC, rows.map(recordOf));
}

/** After the ack: the rows leave the outbox and relay_position moves to the last offsets, atomically. */
export async function markPublished(db: Pool, rows: OutboxRow[], acks: PublishAck[]): Promise<void> {
  const maxOffset = new Map<number, number>();
  for (const a of acks) maxOffset.set(a.partition, Math.max(a.offset, maxOffset.get(a.partition) ?? -1));
  // One round trip (the relay's pool allows multiple statements): under light load the relay's
  // batches are small, and BEGIN, DELETE, the positions and COMMIT one by one were 4 per batch.
  await commitAll(db, [...deleteOutboxStatements(rows.map((r) => r.id)), ...advancePositionsStatements(maxOffset)]);
}

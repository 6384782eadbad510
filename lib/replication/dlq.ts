import { ACCOUNT_HEADER, DLQ_TOPIC, EventProducer, type Kafka, type OutgoingRecord } from '../kafka';
import { rawText, type IncomingEvent } from './apply-account';

export const DLQ_REASON_HEADER = 'carbonio-dlq-reason';
export const DLQ_SOURCE_HEADER = 'carbonio-dlq-source';
export const DLQ_AGENT_HEADER = 'carbonio-dlq-agent';

/** The value of a dead-lettered record: why, where it came from, and the original bytes. */
export interface DeadLetter {
  reason: string;
  accountId: string;
  agent: string;
  topic: string;
  partition: number;
  offset: number;
  at: string;
  /** The original record value, unchanged (as text). */
  value: string;
}

export function deadLetterRecord(topic: string, agent: string, event: IncomingEvent, reason: string): OutgoingRecord {
  const letter: DeadLetter = {
    reason, accountId: event.accountId, agent, topic, partition: event.partition, offset: event.offset,
    at: new Date().toISOString(), value: rawText(event),
  };
  return {
    key: event.accountId,
    value: JSON.stringify(letter),
    headers: {
      [ACCOUNT_HEADER]: event.accountId,
      [DLQ_REASON_HEADER]: reason.slice(0, 1000),
      [DLQ_SOURCE_HEADER]: `${topic}/${event.partition}/${event.offset}`,
      [DLQ_AGENT_HEADER]: agent,
    },
  };
}

/** Publishes dead letters to carbonio.ha.events.dlq (one partition, so no partitioner choice). */
export class DeadLetterQueue {
  private readonly producer: EventProducer;

  constructor(kafka: Kafka, private readonly agent: string, private readonly topic: string, timeoutMs: number) {
    this.producer = new EventProducer(kafka, () => 1, timeoutMs);
  }

  async send(letters: { event: IncomingEvent; reason: string }[]) {
    if (letters.length === 0) return;
    await this.producer.send(DLQ_TOPIC, letters.map((l) => deadLetterRecord(this.topic, this.agent, l.event, l.reason)));
  }

  async close() {
    await this.producer.disconnect();
  }
}

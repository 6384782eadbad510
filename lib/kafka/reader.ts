import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { accountOf, type IncomingRecord } from './consumer';

/** A record read outside a group, with its key and every header as text. */
export interface ReadRecord extends IncomingRecord {
  key: string | null;
  headers: Record<string, string>;
}

/**
 * Reads the records of one partition in [from, to) outside any agent group (crash recovery of
 * the publisher, tests). Uses a throw-away group that is deleted afterwards.
 */
export async function readPartitionRange(kafka: Kafka, topic: string, partition: number, from: number, to: number, timeoutMs = 15_000): Promise<ReadRecord[]> {
  if (to <= from) return [];
  const groupId = `carbonio-ha-reader.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50, sessionTimeout: 10_000, allowAutoTopicCreation: false });
  const out: ReadRecord[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic}[${partition}] ${from}..${to} took over ${timeoutMs} ms`)), timeoutMs);
      let seeked = false;
      consumer.on(consumer.events.GROUP_JOIN, () => {
        if (!seeked) {
          seeked = true;
          consumer.seek({ topic, partition, offset: String(from) });
        }
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (batch.partition !== partition) return;
            for (const m of batch.messages) {
              const offset = Number(m.offset);
              if (offset < from) continue;
              if (offset >= to) break;
              out.push({
                offset,
                key: m.key ? m.key.toString() : null,
                headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, v ? v.toString() : ''])),
                account: accountOf(m),
                value: m.value,
                timestamp: Number(m.timestamp),
              });
            }
            if (out.length && out[out.length - 1].offset >= to - 1) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect().then(() => admin.deleteGroups([groupId])).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  return out;
}

import type { Kafka } from 'kafkajs';
import { withTimeout } from './producer';

/**
 * Gives a consumer group that never committed on `topic` a starting position at the current
 * end of every partition, so a new destination's agent does not read the whole retained stream
 * (it has nothing to apply from before it existed: a new replica starts from a snapshot taken
 * after the agent is consuming). A group with committed offsets is left alone. Call it before
 * the group's first member joins. Returns true when it set the positions.
 */
export async function startNewGroupAtEnd(kafka: Kafka, groupId: string, topic: string, timeoutMs = 10_000): Promise<boolean> {
  const admin = kafka.admin();
  try {
    await withTimeout(admin.connect(), timeoutMs, 'connecting the admin client');
    const committed = await withTimeout(admin.fetchOffsets({ groupId, topics: [topic] }), timeoutMs, `reading the offsets of ${groupId}`);
    const partitions = committed.find((t) => t.topic === topic)?.partitions ?? [];
    if (partitions.some((p) => Number(p.offset) >= 0)) return false;
    const ends = await withTimeout(admin.fetchTopicOffsets(topic), timeoutMs, 'reading high-water marks');
    await withTimeout(admin.setOffsets({ groupId, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) }), timeoutMs, `positioning ${groupId}`);
    return true;
  } catch (err) {
    // Another member joined first (the group is no longer empty): it has positions then.
    if (/running|non-empty|not empty|rebalanc/i.test((err as Error).message)) return false;
    throw err;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

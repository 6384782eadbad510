import type { Admin, Kafka } from 'kafkajs';
import { UnavailableError } from '../errors';
import { sleep } from '../util/sleep';
import { withTimeout } from './producer';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  minInsyncReplicas?: number;
  retentionMs?: number;
}

/** Cluster administration the core needs: topics, high-water marks, group positions. */
export class KafkaAdmin {
  private readonly admin: Admin;
  private connected = false;

  constructor(kafka: Kafka, private readonly timeoutMs = 5000) {
    this.admin = kafka.admin({ retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 } });
  }

  private async ready() {
    if (!this.connected) {
      await withTimeout(this.admin.connect(), this.timeoutMs, 'connecting to the Kafka cluster');
      this.connected = true;
    }
    return this.admin;
  }

  async describeCluster() {
    const a = await this.ready();
    return withTimeout(a.describeCluster(), this.timeoutMs, 'describing the cluster');
  }

  /** Creates missing topics; an existing topic is left as it is. Returns the topics created. */
  async ensureTopics(specs: TopicSpec[]): Promise<string[]> {
    const a = await this.ready();
    const existing = new Set(await withTimeout(a.listTopics(), this.timeoutMs, 'listing topics'));
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return [];
    await withTimeout(
      a.createTopics({
        // kafkajs's own wait asks only the controller and gives up when that broker has not yet
        // heard of the topic (UNKNOWN_TOPIC_OR_PARTITION); waitForLeaders below retries instead.
        waitForLeaders: false,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.numPartitions,
          replicationFactor: s.replicationFactor,
          configEntries: [
            ...(s.minInsyncReplicas ? [{ name: 'min.insync.replicas', value: String(s.minInsyncReplicas) }] : []),
            ...(s.retentionMs ? [{ name: 'retention.ms', value: String(s.retentionMs) }] : []),
          ],
        })),
      }),
      Math.max(this.timeoutMs, 15_000),
      'creating topics',
    ).catch((err) => {
      if (!/already exists/i.test(String((err as Error).message))) throw err;
    });
    await this.waitForLeaders(missing.map((s) => s.topic), 3 * this.timeoutMs);
    return missing.map((s) => s.topic);
  }

  /** Until every partition of the topics has a leader in the metadata the cluster serves. */
  private async waitForLeaders(topics: string[], timeoutMs: number) {
    const a = await this.ready();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = await withTimeout(a.fetchTopicMetadata({ topics }), this.timeoutMs, 'reading topic metadata')
        .then((md) => topics.filter((t) => {
          const parts = md.topics.find((x) => x.name === t)?.partitions ?? [];
          return parts.length === 0 || parts.some((p) => p.leader < 0);
        }))
        .catch((err: unknown) => {
          if (Date.now() >= deadline) throw err;
          return topics; // not yet known to the broker asked: retried
        });
      if (missing.length === 0) return;
      if (Date.now() >= deadline) throw new UnavailableError(`Kafka gave no leader to ${missing.join(', ')} within ${timeoutMs} ms of creating it`);
      await sleep(100);
    }
  }

  async partitionCount(topic: string): Promise<number> {
    const a = await this.ready();
    const md = await withTimeout(a.fetchTopicMetadata({ topics: [topic] }), this.timeoutMs, 'reading topic metadata');
    return md.topics[0]?.partitions.length ?? 0;
  }

  /** The next offset to be written, per partition. */
  async highWatermarks(topic: string): Promise<Map<number, number>> {
    const a = await this.ready();
    const offsets = await withTimeout(a.fetchTopicOffsets(topic), this.timeoutMs, 'reading high-water marks');
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  }

  /** Per partition, the first offset written at or after `timestampMs` (the end when none is). */
  async offsetsAt(topic: string, timestampMs: number): Promise<Map<number, number>> {
    const a = await this.ready();
    const offsets = await withTimeout(a.fetchTopicOffsetsByTimestamp(topic, timestampMs), this.timeoutMs, 'reading offsets by time');
    return new Map(offsets.map((o) => [o.partition, Number(o.offset)]));
  }

  /** The offsets a consumer group committed, per partition (-1 when it never committed). */
  async groupOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
    const a = await this.ready();
    const res = await withTimeout(a.fetchOffsets({ groupId, topics: [topic] }), this.timeoutMs, `reading the offsets of ${groupId}`);
    const t = res.find((r) => r.topic === topic);
    return new Map((t?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  }

  /** The group's state and how many members it has now (a live consumer is one member). */
  async groupMembers(groupId: string): Promise<{ state: string; members: number }> {
    const a = await this.ready();
    const { groups } = await withTimeout(a.describeGroups([groupId]), this.timeoutMs, `describing the group ${groupId}`);
    return { state: groups[0]?.state ?? 'Dead', members: groups[0]?.members.length ?? 0 };
  }

  async deleteGroup(groupId: string) {
    const a = await this.ready();
    await a.deleteGroups([groupId]).catch(() => undefined);
  }

  async disconnect() {
    this.connected = false;
    await this.admin.disconnect().catch(() => undefined);
  }
}

import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KafkaAdmin } from './admin';

/** A cluster whose metadata answers in turn with the given steps after the topic is created. */
function fakeKafka(steps: Array<'unknown' | 'no-leader' | 'ready'>) {
  const calls = { createTopics: [] as unknown[], metadata: 0 };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => [],
    createTopics: async (args: unknown) => { calls.createTopics.push(args); return true; },
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
      const step = steps[Math.min(calls.metadata++, steps.length - 1)];
      if (step === 'unknown') throw Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' });
      const leader = step === 'ready' ? 1 : -1;
      return { topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader }, { partitionId: 1, leader: 2 }] })) };
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

describe('KafkaAdmin.ensureTopics', () => {
  it('waits through "unknown topic" and leaderless answers until every partition has a leader', async () => {
    const { kafka, calls } = fakeKafka(['unknown', 'unknown', 'no-leader', 'ready']);
    const created = await new KafkaAdmin(kafka, 2000).ensureTopics([{ topic: 't', numPartitions: 2, replicationFactor: 3 }]);
    expect(created).toEqual(['t']);
    expect(calls.createTopics).toHaveLength(1);
    expect(calls.metadata).toBe(4);
  });

  it('gives up with a message naming the topic when no leader comes in time', async () => {
    const { kafka } = fakeKafka(['no-leader']);
    await expect(new KafkaAdmin(kafka, 300).ensureTopics([{ topic: 'lonely', numPartitions: 2, replicationFactor: 3 }]))
      .rejects.toThrow(/no leader to lonely/);
  });
});

import { Partitioners } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();

/** The partition Kafka's default (murmur2) partitioner gives a key: where an account lives. */
export function partitionOf(key: string, numPartitions: number): number {
  const partitionMetadata = Array.from({ length: numPartitions }, (_, i) => ({ partitionId: i, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0, offlineReplicas: [] }));
  return partitioner({ topic: '', partitionMetadata, message: { key, value: null } });
}

import { Partitioners } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();
const metadata = new Map<number, { partitionId: number; leader: number; replicas: number[]; isr: number[]; partitionErrorCode: number; offlineReplicas: number[] }[]>();
/** Per partition count, key to partition: the relay asks for every record, of a few thousand accounts. */
const known = new Map<number, Map<string, number>>();
const KNOWN_MAX = 200_000;

/** The partition Kafka's default (murmur2) partitioner gives a key: where an account lives. */
export function partitionOf(key: string, numPartitions: number): number {
  let byKey = known.get(numPartitions);
  if (!byKey) known.set(numPartitions, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit !== undefined) return hit;
  let partitionMetadata = metadata.get(numPartitions);
  if (!partitionMetadata) {
    partitionMetadata = Array.from({ length: numPartitions }, (_, i) => ({ partitionId: i, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0, offlineReplicas: [] }));
    metadata.set(numPartitions, partitionMetadata);
  }
  const p = partitioner({ topic: '', partitionMetadata, message: { key, value: null } });
  if (byKey.size >= KNOWN_MAX) byKey.clear();
  byKey.set(key, p);
  return p;
}

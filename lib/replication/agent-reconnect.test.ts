import { EventEmitter } from 'node:events';
import type { Kafka } from '../kafka';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import type { NodeContext } from '../node/node';
import { ReplicaAgent } from './agent';

/** kafkajs stand-ins that join at once; counts the consumers made. */
function fakeKafka() {
  const made = { consumers: 0 };
  const kafka = {
    consumer: () => {
      made.consumers++;
      return {
        events: { CRASH: 'crash', GROUP_JOIN: 'join' }, on: () => undefined,
        connect: async () => undefined, subscribe: async () => undefined, run: async () => undefined, disconnect: async () => undefined,
        pause: () => undefined, resume: () => undefined,
      };
    },
    // The group has committed offsets: startNewGroupAtEnd leaves it alone.
    admin: () => ({ connect: async () => undefined, disconnect: async () => undefined, fetchOffsets: async () => [{ topic: 'carbonio.ha.events', partitions: [{ partition: 0, offset: '3' }] }] }),
    producer: () => ({ connect: async () => undefined, disconnect: async () => undefined }),
  } as unknown as Kafka;
  return { kafka, made };
}

function fakeContext(kafka: Kafka): NodeContext {
  const link = Object.assign(new EventEmitter(), { reachable: true, handles: () => ({ brokers: ['b:9092'], kafka, partitions: 1 }) });
  const none = { query: async () => [] };
  const topology = Object.assign(new EventEmitter(), { replicaHere: () => undefined, replicasHeld: function* () {}, refresh: async () => undefined });
  return {
    config: { host: 'dst.test', namespace: 'ns', agentIdlePauseMs: 3_600_000, publishTimeoutMs: 1000 },
    log: silentLogger, db: none, haDb: none, kafka: link, topology,
  } as unknown as NodeContext;
}

const until = async (what: string, ok: () => boolean) => {
  for (const t0 = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() - t0 > 5000) throw new Error(`timed out waiting for ${what}`);
};

describe('ReplicaAgent', () => {
  it('starts a new consumer by itself when it lost its consumer with no reconnect under way', async () => {
    const { kafka, made } = fakeKafka();
    const agent = new ReplicaAgent(fakeContext(kafka), { reconcileMs: 50 });
    await agent.start();
    await until('the first consumer', () => agent.canConnectToKafka());
    expect(made.consumers).toBe(1);
    // The state a lost reconnect leaves: no consumer, nothing connecting, no timer.
    await (agent as unknown as { disconnect(): Promise<void> }).disconnect();
    expect(agent.canConnectToKafka()).toBe(false);
    await until('a new consumer', () => agent.canConnectToKafka());
    expect(made.consumers).toBe(2);
    await agent.stop();
  });
});

/** Consumers whose join takes `joinMs`; each records what happened to it, in order. */
function slowKafka(joinMs: number) {
  const consumers: string[][] = [];
  const kafka = {
    consumer: () => {
      const log: string[] = [];
      consumers.push(log);
      return {
        events: { CRASH: 'crash', GROUP_JOIN: 'join' }, on: () => undefined,
        connect: async () => undefined, subscribe: async () => undefined,
        run: async () => {
          await new Promise((r) => setTimeout(r, joinMs));
          log.push('joined');
        },
        disconnect: async () => void log.push('left'),
        pause: () => undefined, resume: () => undefined,
      };
    },
    admin: () => ({ connect: async () => undefined, disconnect: async () => undefined, fetchOffsets: async () => [{ topic: 'carbonio.ha.events', partitions: [{ partition: 0, offset: '3' }] }] }),
    producer: () => ({ connect: async () => undefined, disconnect: async () => undefined }),
  } as unknown as Kafka;
  return { kafka, consumers };
}

describe('ReplicaAgent reconnecting while its consumer still joins', () => {
  it('starts the new consumer at once; the old one leaves only after its join ended, and neither connects the agent nor reconnects it again', async () => {
    const { kafka, consumers } = slowKafka(200);
    const ctx = fakeContext(kafka);
    const agent = new ReplicaAgent(ctx, { reconcileMs: 50 });
    await agent.start();
    await until('the first consumer to be joining', () => consumers.length === 1);
    (ctx.kafka as unknown as EventEmitter).emit('change'); // the broker list changed
    await until('a second consumer', () => consumers.length === 2);
    await until('the agent to be connected', () => agent.canConnectToKafka());
    await until('the first consumer to leave', () => consumers[0].includes('left'));
    // kafkajs forgets a runner stopped mid-join; that runner then holds partitions for good.
    expect(consumers[0]).toEqual(['joined', 'left']);
    await new Promise((r) => setTimeout(r, 600));
    expect(consumers).toHaveLength(2);
    expect(consumers[1]).toEqual(['joined']);
    expect(agent.canConnectToKafka()).toBe(true);
    await agent.stop();
    expect(consumers[1]).toEqual(['joined', 'left']);
  });
});

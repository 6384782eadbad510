import { describe, expect, it } from 'vitest';
import type { HaPrisma } from '../db/prisma';
import { silentLogger } from '../log/logger';
import { KafkaLink } from './kafka-link';

describe('KafkaLink', () => {
  it('runs one broker-list refresh at a time when one lasts longer than the polling period', async () => {
    let running = 0;
    let most = 0;
    let reads = 0;
    const prisma = {
      globalConfig: {
        findUnique: async () => {
          reads++;
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 40));
          running--;
          return null; // no brokers configured
        },
      },
    } as unknown as HaPrisma;
    const link = new KafkaLink(prisma, silentLogger, { publishTimeoutMs: 1000, clientId: 't', partitions: 1, pollMs: 5 });
    await link.start();
    await new Promise((r) => setTimeout(r, 300));
    await link.stop();
    expect(reads).toBeGreaterThan(3);
    expect(most).toBe(1);
    expect(link.handles()).toBeUndefined();
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkBrokers } from '../../lib/kafka';
import { closeFaultWorlds, createFaultWorld, expectNothingLost, startTraffic, type FaultWorld } from './support/fault-world';

// Issue 8, fault 2: three brokers (topics with replication factor 3, min.insync.replicas 2);
// one broker is SIGKILLed while traffic runs. The two others keep the topic writable: writes
// go on being acknowledged, and nothing acknowledged is missing on the replica.
let w: FaultWorld;

beforeAll(async () => {
  w = await createFaultWorld({ name: 'flt_brk3', kafka: { basePort: 29192, brokers: 3 }, accounts: 12 });
}, 300_000);

afterAll(async () => {
  await closeFaultWorlds();
});

it('one broker of three SIGKILLed under traffic: writes go on, every acknowledged operation is on the replica, verify is equal', async () => {
  const t0 = Date.now();
  expect(w.kafka.brokers).toHaveLength(3);
  const traffic = startTraffic(w, { rate: 30 });
  try {
    await traffic.moreReplicated(60);
    // Node 1 is a controller voter and leads a share of the partitions.
    expect(w.kafka.kill(1)).toBeGreaterThan(0);
    const checks = await checkBrokers(w.kafka.brokers, {}, 2000);
    expect(checks.map((c) => c.reachable)).toEqual([false, true, true]);
    await traffic.moreReplicated(120, 120_000);
  } finally {
    const counts = await traffic.stop();
    console.log(`[broker-killed] traffic: ${counts.acked} acknowledged, ${counts.failed} refused (${JSON.stringify(counts.errors)})`);
  }
  const r = await expectNothingLost(w, traffic.ackedLog);
  expect(r.acknowledged).toBeGreaterThan(180);
  console.log(`[broker-killed] ${r.acknowledged} acknowledged operations, ${r.liveItems} live items all on the replica; verify equal; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 300_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkBrokers } from '../../lib/kafka';
import { waitFor } from '../../lib/mailstore/testing/seed';
import { closeFaultWorlds, createFaultWorld, expectNothingLost, startTraffic, type FaultWorld } from './support/fault-world';

// Issue 8, fault 1: the only broker is stopped and started again while traffic runs. Writes to
// protected accounts are refused (not acknowledged) while it is down; afterwards the relay and
// the agent reconnect on their own and nothing acknowledged is missing on the replica.
// Own Kafka on 29592 (29092, the port first planned, is the benchmark's default broker).
let w: FaultWorld;

beforeAll(async () => {
  w = await createFaultWorld({ name: 'flt_brk1', kafka: { basePort: 29592 }, accounts: 12 });
}, 300_000);

afterAll(async () => {
  await closeFaultWorlds();
});

it('the single broker restarted under traffic: writes resume, every acknowledged operation is on the replica, verify is equal', async () => {
  const t0 = Date.now();
  const traffic = startTraffic(w, { rate: 30 });
  try {
    await traffic.moreReplicated(60);

    await w.kafka.stop();
    expect((await checkBrokers(w.kafka.brokers, {}, 2000)).every((c) => !c.reachable)).toBe(true);
    // While the broker is down, protected writes are stored but refused (never acknowledged).
    await waitFor('a write refused while the broker is down', () => (traffic.counts()?.failed ?? 0) > 0, 60_000, 200);
    const ackedWhileDown = traffic.acked().filter((l) => l.replicated).length;

    await w.kafka.start();
    await traffic.moreReplicated(60, 120_000);
    expect(traffic.acked().filter((l) => l.replicated).length).toBeGreaterThan(ackedWhileDown);
  } finally {
    const counts = await traffic.stop();
    console.log(`[broker-restart] traffic: ${counts.acked} acknowledged, ${counts.failed} refused (${JSON.stringify(counts.errors)})`);
  }
  const r = await expectNothingLost(w, traffic.ackedLog);
  expect(r.acknowledged).toBeGreaterThan(120);
  console.log(`[broker-restart] ${r.acknowledged} acknowledged operations, ${r.liveItems} live items all on the replica; verify equal; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 300_000);

import { afterAll, beforeAll, expect, it } from 'vitest';
import { withDatabase } from '../../lib/db/url';
import { sleep } from '../../lib/util/sleep';
import { TcpProxy } from '../support/tcp-proxy';
import { closeFaultWorlds, createFaultWorld, expectNothingLost, startTraffic, type FaultWorld } from './support/fault-world';

// The source mailstore reaches the HA database through a TCP relay, which cuts every connection
// (and refuses new ones) under traffic, then lets connections through again. While the HA
// database is unreachable the source cannot confirm, after Kafka acknowledged a write, that it
// still owns the account: protected writes are refused, never acknowledged. Once it is back,
// writes are acknowledged again without a restart, and nothing acknowledged is missing.
let w: FaultWorld;
const proxy = new TcpProxy(Number(new URL(process.env.CARBONIO_TEST_DB_URL ?? 'mysql://127.0.0.1:3306').port || 3306));

beforeAll(async () => {
  await proxy.open();
  w = await createFaultWorld({
    name: 'flt_hadb', kafka: { basePort: 29692 }, accounts: 8,
    sourceEnv: (env) => ({ CARBONIO_HA_DB_URL: withDatabase(`mysql://root@127.0.0.1:${proxy.port}`, new URL(env.haDbUrl).pathname.slice(1)) }),
  });
}, 300_000);

afterAll(async () => {
  await closeFaultWorlds();
  await proxy.close();
});

it('the HA database unreachable from the source under traffic: writes refused while it is away, acknowledged again once it is back, nothing lost, verify equal', async () => {
  const t0 = Date.now();
  const traffic = startTraffic(w, { rate: 30 });
  let cut: { from: number; to: number } | undefined;
  let failedDuringCut = 0;
  let counts: Awaited<ReturnType<typeof traffic.stop>> | undefined;
  try {
    await traffic.moreReplicated(60);
    await proxy.close();
    // Operations already past the fence check may still be answered; after that, none.
    await sleep(2000);
    const failedBefore = traffic.counts()?.failed ?? 0;
    const from = Date.now();
    await sleep(6000);
    cut = { from, to: Date.now() };
    failedDuringCut = (traffic.counts()?.failed ?? 0) - failedBefore;
    await proxy.open(proxy.port);
    await traffic.moreReplicated(60);
  } finally {
    counts = await traffic.stop();
    console.log(`[ha-db-unreachable] traffic: ${counts.acked} acknowledged, ${counts.failed} refused (${JSON.stringify(counts.errors)}); ${JSON.stringify(counts.firstErrors)}`);
  }
  // The writers hear the real cause: Kafka had their changes, the ownership check did not answer.
  expect(Object.keys(counts.errors)).toEqual(['unavailable']);
  expect(counts.firstErrors.unavailable).toMatch(/in Kafka.*HA database/);
  expect(counts.firstErrors.unavailable).not.toMatch(/Kafka did not acknowledge/);
  const ackedDuringCut = traffic.acked().filter((l) => l.replicated && Date.parse(l.at) >= cut!.from && Date.parse(l.at) < cut!.to);
  expect(ackedDuringCut, 'writes acknowledged while the HA database was unreachable').toEqual([]);
  expect(failedDuringCut, 'writes refused while the HA database was unreachable').toBeGreaterThan(0);
  const r = await expectNothingLost(w, traffic.ackedLog);
  console.log(`[ha-db-unreachable] ${r.acknowledged} acknowledged operations, ${r.liveItems} live items all on the replica; ${failedDuringCut} refused during the cut; verify equal; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 300_000);

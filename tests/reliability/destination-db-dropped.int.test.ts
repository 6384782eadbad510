import { afterAll, beforeAll, expect, it } from 'vitest';
import { withDatabase } from '../../lib/db/url';
import { TcpProxy } from '../support/tcp-proxy';
import { closeFaultWorlds, createFaultWorld, expectNothingLost, startTraffic, type FaultWorld } from './support/fault-world';

// Issue 8, fault 3: the destination reaches its own mailstore database through a TCP relay; the
// relay cuts every connection (and refuses new ones) while the agent applies live traffic, then
// lets connections through again. The agent retries the batch it was applying and nothing
// acknowledged is missing on the replica.
let w: FaultWorld;
const proxy = new TcpProxy(Number(new URL(process.env.CARBONIO_TEST_DB_URL ?? 'mysql://127.0.0.1:3306').port || 3306));

beforeAll(async () => {
  await proxy.open();
  w = await createFaultWorld({
    name: 'flt_dbdrop', kafka: { basePort: 29892 }, accounts: 12,
    destinationEnv: (env, host) => ({ CARBONIO_MAILSTORE_DB_URL: withDatabase(`mysql://root@127.0.0.1:${proxy.port}`, new URL(env.mailstoreDbUrl(host)).pathname.slice(1)) }),
  });
}, 300_000);

afterAll(async () => {
  await closeFaultWorlds();
  await proxy.close();
});

it('the destination database connection cut mid-apply and restored: the agent resumes, every acknowledged operation is on the replica, verify is equal', async () => {
  const t0 = Date.now();
  const agentStats = async () => (await (await fetch(`${w.dst.apiUrl}/api/agent/stats`)).json()) as { applied: number };
  const traffic = startTraffic(w, { rate: 30 });
  try {
    await traffic.moreReplicated(60);
    const before = (await agentStats()).applied;
    expect(before).toBeGreaterThan(0); // the agent is applying when the connection drops

    await proxy.close();
    await traffic.moreReplicated(60); // the source goes on: these events wait in Kafka
    const during = (await agentStats()).applied;
    await proxy.open(proxy.port);

    await traffic.moreReplicated(60);
    expect((await agentStats()).applied).toBeGreaterThan(during);
  } finally {
    const counts = await traffic.stop();
    console.log(`[db-dropped] traffic: ${counts.acked} acknowledged, ${counts.failed} refused (${JSON.stringify(counts.errors)})`);
  }
  const r = await expectNothingLost(w, traffic.ackedLog);
  expect(r.acknowledged).toBeGreaterThanOrEqual(180); // three waits for 60 more replicated operations each
  console.log(`[db-dropped] ${r.acknowledged} acknowledged operations, ${r.liveItems} live items all on the replica; verify equal; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 300_000);

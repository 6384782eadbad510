import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForOperation } from '../../lib/ha/operations/wait';
import { setAccountDestination } from '../../lib/ha/set-account-destination';
import { itemIdsOn } from '../promotion/promotion-kit';
import { bulkMessages, closeFaultWorlds, createFaultWorld, exited, expectNothingLost, startTraffic, type FaultWorld } from './support/fault-world';

// Issue 8, fault 5: the DESTINATION node dies in the middle of an initial sync (the source side
// is lib/replication/agent-snapshot.int.test.ts). CARBONIO_AGENT_FAULT=kill-mid-snapshot-apply:1
// makes the destination SIGKILL itself right after committing the first batch that holds snapshot
// chunks of an account without that account's snapshot end (its Kafka offsets not yet committed).
// The big mailbox's snapshot is larger than one fetch (1 MiB per partition; a chunk of 100 of
// these rows is about 3 KB compressed), so its first batch is always such a batch. With 4,000
// items, a destination slow to fetch (a loaded CI run) got the whole snapshot with its end in one
// batch and died later on another account, the big one already active. Restarted, it resumes from
// its consumer group's offsets, the initialisation ends, and the replica is equal with nothing
// acknowledged missing.
const BULK = 48_000;
let w: FaultWorld;
let fault = true;

beforeAll(async () => {
  w = await createFaultWorld({
    name: 'flt_dsnap', kafka: { basePort: 29792 }, accounts: 6, replicate: false,
    sourceEnv: { CARBONIO_SNAPSHOT_CHUNK_ROWS: '100' },
    destinationEnv: (): Record<string, string> => (fault ? { CARBONIO_AGENT_FAULT: 'kill-mid-snapshot-apply:1' } : {}),
  });
  await bulkMessages(w, w.accounts[0].id, BULK);
}, 300_000);

afterAll(async () => {
  await closeFaultWorlds();
});

it('the destination SIGKILLed mid-snapshot and restarted: the initialisation resumes and ends, nothing acknowledged is missing, verify is equal', async () => {
  const t0 = Date.now();
  const big = w.accounts[0];
  const traffic = startTraffic(w, { rate: 20 });
  try {
    const ref = await setAccountDestination(w.ctx, { destination: w.destination, priority: 10, accounts: w.accounts.map((a) => a.name) });
    const how = await Promise.race([exited(w.dst.child), new Promise((r) => setTimeout(() => r('still running'), 120_000))]);
    expect(how).toBe('SIGKILL');

    // It died mid-snapshot: snapshot rows were committed on the destination (the hook fires after
    // a batch holding a chunk whose snapshot had not ended), and the big mailbox is not complete.
    // Which accounts' chunks that batch held depends on timing, so the rows are counted over all.
    const cut = await w.env.prisma.replica.findFirstOrThrow({ where: { accountId: big.id } });
    expect(cut.state).toBe('initializing');
    const applied = await Promise.all(w.accounts.map((a) => itemIdsOn(w.env.mailstoreDbUrl(w.destination), a.id)));
    const bigApplied = applied[0]?.ids.size ?? 0;
    expect(applied.reduce((n, a) => n + (a?.ids.size ?? 0), 0)).toBeGreaterThan(0);
    expect(bigApplied).toBeLessThan(BULK);
    console.log(`[dst-mid-snapshot] destination killed with ${bigApplied} of ${BULK}+ items of the big mailbox applied (source snapshot ${cut.snapshotState}, ${cut.snapshotItems} items sent)`);

    fault = false;
    w.dst = await w.respawnDestination();
    const op = await waitForOperation(w.ctx, ref.operationId, { timeoutMs: 150_000, pollMs: 250 });
    expect(op.state, JSON.stringify(op.items.filter((i) => i.state !== 'succeeded').slice(0, 3))).toBe('succeeded');
    const done = await w.env.prisma.replica.findFirstOrThrow({ where: { accountId: big.id } });
    expect(done.state).toBe('active');
    expect(done.snapshotItems).toBeGreaterThanOrEqual(BULK);
    await traffic.moreReplicated(30);
  } finally {
    const counts = await traffic.stop();
    console.log(`[dst-mid-snapshot] traffic: ${counts.acked} acknowledged, ${counts.failed} refused (${JSON.stringify(counts.errors)})`);
  }
  const r = await expectNothingLost(w, traffic.ackedLog);
  expect((await itemIdsOn(w.env.mailstoreDbUrl(w.destination), big.id))!.ids.size).toBeGreaterThanOrEqual(BULK);
  console.log(`[dst-mid-snapshot] ${r.acknowledged} acknowledged operations, ${r.liveItems} live items all on the replica; verify equal; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 300_000);

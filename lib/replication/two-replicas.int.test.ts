import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { removeAccountDestination, setAccountDestination, verifyAccount, waitForOperation } from '../ha';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { createAccounts, resetAgentGroups, waitFor } from './agent-test-env';

// One account with replicas on two destinations, on real Kafka and MariaDB: verify names the
// replica that differs and its first differing items; removing one replica keeps the source
// publishing for the other; removing the last one stops it.
const SRC = 'mbox1.rep-two.test';
const DST = 'mbox2.rep-two.test';
const DST2 = 'mbox3.rep-two.test';
const NAME = 'kim@rep-two.test';
let env: TestEnv;
let ha: HaContextHandle;
let srcDb: Pool;
let dstDb: Pool;
let dst2Db: Pool;
let id: string;

beforeAll(async () => {
  env = await createTestEnv('rep_two');
  await resetAgentGroups(env.brokers, env.prefix, [SRC, DST, DST2]);
  await env.startNode(SRC);
  await env.startNode(DST);
  await env.startNode(DST2);
  await env.prisma.license.create({ data: { module: 'ZxHA', quantity: 10 } });
  [{ id }] = await createAccounts(env.prisma, SRC, [NAME]);
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'admin@rep-two.test', role: 'global_admin', origin: 'cli' }, log: env.log });
  srcDb = createPool(env.mailstoreDbUrl(SRC), { connectionLimit: 2 });
  dstDb = createPool(env.mailstoreDbUrl(DST), { connectionLimit: 2 });
  dst2Db = createPool(env.mailstoreDbUrl(DST2), { connectionLimit: 2 });
  const pre = await runTraffic({ haDbUrl: env.haDbUrl, accounts: [NAME], rate: 60, seconds: 3 });
  expect(pre.acked).toBeGreaterThan(3);
  for (const [destination, priority] of [[DST, 10], [DST2, 20]] as const) {
    const ref = await setAccountDestination(ha, { destination, priority, accounts: [NAME] });
    expect((await waitForOperation(ha, ref.operationId, { timeoutMs: 90_000 })).state).toBe('succeeded');
  }
}, 240_000);
afterAll(async () => {
  await Promise.all([srcDb, dstDb, dst2Db].map((p) => p?.end()));
  await ha?.close();
  await env?.cleanup();
});

const mailboxOf = async (db: Pool) => Number((await db.query('SELECT id FROM mailbox WHERE account_id = ?', [id]))[0].id);
const itemIds = async (db: Pool) => (await db.query('SELECT id FROM mail_item WHERE mailbox_id = ? ORDER BY id', [await mailboxOf(db)]) as { id: number }[]).map((r) => Number(r.id));
const publishing = async () => Number((await srcDb.query('SELECT publishing FROM mailbox WHERE account_id = ?', [id]))[0].publishing);

describe('an account with two replicas', () => {
  it('verify says equal for both, then names the tampered replica and the items that differ, and how', async () => {
    const clean = await verifyAccount(ha, { account: NAME, timeoutMs: 30_000 });
    expect(clean.replicas.map((r) => [r.destination, r.equal])).toEqual([[DST, true], [DST2, true]]);

    const ids = await itemIds(dstDb);
    expect(ids.length).toBeGreaterThan(21);
    const [changed, deleted] = [ids[3], ids[ids.length - 1]];
    const box = await mailboxOf(dstDb);
    await dstDb.query("UPDATE mail_item SET subject = 'tampered on the replica' WHERE mailbox_id = ? AND id = ?", [box, changed]);
    await dstDb.query('DELETE FROM mail_item WHERE mailbox_id = ? AND id = ?', [box, deleted]);

    const v = await verifyAccount(ha, { account: NAME, timeoutMs: 30_000 });
    const [bad, good] = v.replicas;
    expect(good).toMatchObject({ destination: DST2, equal: true, differences: [] });
    expect(bad).toMatchObject({ destination: DST, equal: false, sequence: good.sequence });
    expect(bad.replicaDigest).not.toBe(bad.sourceDigest);
    expect(bad.message).toBe(`differs at sequence ${good.sequence}: items: source ${ids.length}, replica ${ids.length - 1}`);
    expect(bad.differences.map((d) => d.itemId)).toEqual([changed, deleted]);
    expect(bad.differences[0].source).toMatch(/^subject=/);
    expect(bad.differences[0].source).not.toMatch(/tampered/);
    expect(bad.differences[0].replica).toBe('subject="tampered on the replica"');
    expect(bad.differences[1].source).toMatch(new RegExp(`^id=${deleted}, `));
    expect(bad.differences[1].replica).toBeNull();
  });

  it('reports only the first 20 differing items, in item order', async () => {
    await dstDb.query('UPDATE mail_item SET size = size + 1 WHERE mailbox_id = ?', [await mailboxOf(dstDb)]);
    const [bad] = (await verifyAccount(ha, { account: NAME, destination: DST, timeoutMs: 30_000 })).replicas;
    expect(bad.equal).toBe(false);
    expect(bad.differences.map((d) => d.itemId)).toEqual((await itemIds(srcDb)).slice(0, 20));
    expect(bad.differences[0].replica).toMatch(/^size=\d+$/);
  });

  it('removing one replica keeps the source publishing for the other; removing the last stops it', async () => {
    const first = await removeAccountDestination(ha, { destination: DST, accounts: [NAME] });
    expect((await waitForOperation(ha, first.operationId, { timeoutMs: 60_000 })).state).toBe('succeeded');
    expect(await dstDb.query('SELECT id FROM mailbox WHERE account_id = ?', [id])).toEqual([]);
    expect(await publishing()).toBe(1);
    const after = await runTraffic({ haDbUrl: env.haDbUrl, accounts: [NAME], rate: 60, seconds: 2 });
    expect(after.replicated).toBeGreaterThan(3);
    expect(after.replicated).toBe(after.acked);
    const v = await verifyAccount(ha, { account: NAME, timeoutMs: 30_000 });
    expect(v.replicas.map((r) => [r.destination, r.equal])).toEqual([[DST2, true]]);
    expect(await publishing()).toBe(1);

    const last = await removeAccountDestination(ha, { destination: DST2, accounts: [NAME] });
    expect((await waitForOperation(ha, last.operationId, { timeoutMs: 60_000 })).state).toBe('succeeded');
    expect(await dst2Db.query('SELECT id FROM mailbox WHERE account_id = ?', [id])).toEqual([]);
    await waitFor('the source to stop publishing', async () => (await publishing()) === 0, 15_000);
    const unprotected = await runTraffic({ haDbUrl: env.haDbUrl, accounts: [NAME], rate: 60, seconds: 1 });
    expect(unprotected.acked).toBeGreaterThan(0);
    expect(unprotected.replicated).toBe(0);
  });
});

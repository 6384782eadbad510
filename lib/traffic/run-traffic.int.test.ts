import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { projectRoot } from '../config/paths';
import { createPool } from '../db/pool';
import { recordTopologyChange } from '../ha/topology-change';
import { mailboxComponents } from '../mailstore/component';
import { readMailbox } from '../mailstore/mailbox-row';
import { seedAccount, waitFor } from '../mailstore/testing/seed';
import { TopicReader } from '../mailstore/testing/topic';
import type { MailstoreNode } from '../node/node';
import type { AckedLine } from './acked-log';
import { runTraffic } from './run-traffic';

const HOST_A = 'mbox1.src-traffic.test';
const HOST_B = 'mbox2.src-traffic.test';
let env: TestEnv;
let nodeA: MailstoreNode;
const dir = mkdtempSync(path.join(os.tmpdir(), 'src-traffic-'));

beforeAll(async () => {
  env = await createTestEnv('src_traffic');
  nodeA = await env.startNode(HOST_A, { factories: [mailboxComponents] });
  await env.startNode(HOST_B, { factories: [mailboxComponents] });
});
afterAll(async () => env?.cleanup());

const readLog = (file: string): AckedLine[] => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

it('runs a realistic mix, logs every acknowledged operation, and every protected one is on the topic', async () => {
  const p = await seedAccount(env.prisma, { host: HOST_A, replicaOn: HOST_B });
  const u = await seedAccount(env.prisma, { host: HOST_A });
  await waitFor('topology', () => nodeA.context().topology.isProtected(p.id) && nodeA.context().topology.hosted(u.id));
  const reader = new TopicReader(env.brokers);
  const partition = await reader.partitionOf(p.id);
  const from = await reader.highWatermark(partition);
  const file = path.join(dir, 'acked-1.jsonl');

  const counts = await runTraffic({ haDbUrl: env.haDbUrl, accounts: [p.name, u.name], rate: 60, seconds: 6, ackedLog: file });
  const lines = readLog(file);
  console.log('[traffic] counts', JSON.stringify(counts));
  // Bounds loose enough for a loaded shared machine: the rate is a target, not a promise.
  expect(counts.acked).toBeGreaterThan(40);
  expect(lines).toHaveLength(counts.acked);
  expect(Object.keys(counts.byAction).length).toBeGreaterThanOrEqual(5);
  expect(counts.failed).toBeLessThan(counts.acked / 10);
  for (const l of lines) expect(l).toMatchObject({ account: expect.any(String), accountId: expect.any(String), op: expect.any(String), seq: expect.any(Number), itemIds: expect.any(Array), at: expect.any(String) });

  const db = createPool(env.mailstoreDbUrl(HOST_A), { connectionLimit: 1 });
  for (const a of [p, u]) {
    const seqs = lines.filter((l) => l.accountId === a.id).map((l) => l.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(Math.max(...seqs)).toBeLessThanOrEqual((await readMailbox(db, a.id))!.change_checkpoint);
  }
  await db.end();
  const protectedLines = lines.filter((l) => l.accountId === p.id);
  expect(protectedLines.every((l) => l.replicated)).toBe(true);
  const onTopic = new Map((await reader.events(p.id, from)).map((e) => [e.seq, e.op]));
  for (const l of protectedLines) expect(onTopic.get(l.seq)).toBe(l.op);
  await reader.close();
});

it('every account has its first look at its mailbox before the clock starts, so the rate is steady from the first second', async () => {
  const accounts = await Promise.all([0, 1, 2, 3, 4].map(() => seedAccount(env.prisma, { host: HOST_A })));
  await waitFor('topology', () => accounts.every((a) => nodeA.context().topology.hosted(a.id)));
  const db = createPool(env.mailstoreDbUrl(HOST_A), { connectionLimit: 1 });
  try {
    for (const a of accounts) expect(await readMailbox(db, a.id)).toBeUndefined();
    // At 1 operation/s for 0.5 s no operation is due: only the first looks run.
    const counts = await runTraffic({ haDbUrl: env.haDbUrl, accounts: accounts.map((a) => a.name), rate: 1, seconds: 0.5 });
    expect(counts.attempted).toBe(0);
    for (const a of accounts) expect(await readMailbox(db, a.id), a.name).toMatchObject({ state: 'primary' });
  } finally {
    await db.end();
  }
});

it('follows an account to its new mailstore', async () => {
  const a = await seedAccount(env.prisma, { host: HOST_A });
  await waitFor('topology', () => nodeA.context().topology.hosted(a.id));
  const file = path.join(dir, 'acked-2.jsonl');
  const run = runTraffic({ haDbUrl: env.haDbUrl, accounts: [a.name], rate: 40, seconds: 4, ackedLog: file });
  await new Promise((r) => setTimeout(r, 1500));
  await env.prisma.account.update({ where: { id: a.id }, data: { mailHost: HOST_B, epoch: 2 } });
  await recordTopologyChange(env.prisma, [a.id]);
  const counts = await run;
  const hosts = readLog(file).map((l) => l.host);
  expect(hosts[0]).toBe(HOST_A);
  expect(hosts.at(-1)).toBe(HOST_B);
  expect(hosts.filter((h) => h === HOST_B).length).toBeGreaterThan(10);
  expect(counts.moved).toBeGreaterThanOrEqual(1);
});

it('npm run traffic: the script runs, prints its counts, and refuses bad arguments', async () => {
  const a = await seedAccount(env.prisma, { host: HOST_B });
  const file = path.join(dir, 'acked-3.jsonl');
  const run = promisify(execFile);
  const { stdout } = await run('npx', ['tsx', 'scripts/traffic.ts', '--accounts', a.name, '--rate', '20', '--seconds', '2', '--acked-log', file, '--quiet'], { cwd: projectRoot(), env: env.childEnv() });
  const counts = JSON.parse(stdout);
  expect(counts.acked).toBeGreaterThan(0);
  expect(counts.attempted).toBe(counts.acked + counts.failed);
  expect(readLog(file)).toHaveLength(counts.acked);
  const bad = await run('npx', ['tsx', 'scripts/traffic.ts', '--accounts', 'john*@x.test', '--rate', '-1'], { cwd: projectRoot(), env: env.childEnv() }).catch((e) => e);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/exact address/);
  expect(bad.stderr).toMatch(/--rate|rate/);
});

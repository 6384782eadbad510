import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config/paths';
import { getAccountStatus } from '../ha';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { silentLogger } from '../log/logger';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import {
  AccountStatusOutput, LicenseInfoOutput, OperationDetailOutput, OperationRefOutput, PromoteAccountsOutput, PromotionsOutput, ServicesOutput, VerifyOutput,
} from './json-output';
import { createAccounts, setLicense, stateSnapshot } from './test-support/fixtures';
import { runCli } from './test-support/run-cli';
import { until } from './test-support/wait';

// The CLI driving real replication end to end: full mailstore nodes (mailbox service, publisher,
// agent, snapshots, status, operation worker), real Kafka and MariaDB, the real binary.

const SRC = 'mbox1.cli-flow.test';
const DST = 'mbox2.cli-flow.test';
const [ANN, BEN, CAT, DAN] = ['ann', 'ben', 'cat', 'dan'].map((n) => `${n}@cli-flow.test`);
let env: TestEnv;
let dir: string;
let ha: HaContextHandle;
const cli = (...args: string[]) => runCli(args, env.childEnv(), { timeoutMs: 240_000 });
const json = <T>(schema: { parse(v: unknown): T }, stdout: string) => schema.parse(JSON.parse(stdout));
const traffic = (accounts: string[], seconds = 3) => runTraffic({ haDbUrl: env.haDbUrl, accounts, rate: 40, seconds });
const status = async (...filter: string[]) => json(AccountStatusOutput, (await cli('ha', 'getAccountStatus', ...filter, '--json')).stdout);
/** The same data read in-process: for polling (a CLI run costs seconds on a loaded machine). */
const statusOf = async (account: string) => (await getAccountStatus(ha, { accounts: [account] })).accounts[0];
const T = { timeout: 300_000 };

beforeAll(async () => {
  env = await createTestEnv('cli_flow');
  await env.startNode(SRC);
  await env.startNode(DST);
  await createAccounts(env.prisma, [ANN, BEN, CAT, DAN].map((name) => ({ name, mailHost: SRC })));
  await setLicense(env.prisma, 100);
  dir = mkdtempSync(path.join(os.tmpdir(), 'cli-flow-'));
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'test@cli-flow.test', role: 'global_admin', origin: 'console' }, log: silentLogger });
  expect((await traffic([ANN, BEN, CAT, DAN])).acked).toBeGreaterThan(5);
});
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

describe('initialising replicas', () => {
  it('--sync with an input file (CRLF, blank lines, spaces, duplicates) prints plain progress lines and ends when the operation ends', T, async () => {
    const file = path.join(dir, 'accounts');
    writeFileSync(file, `  ${ANN} \r\n\r\n${BEN}\r\n${ANN.toUpperCase()}\r\n   \r\n\t${BEN}\r\n`);
    const r = await cli('ha', 'setAccountDestination', DST, '10', 'input_file', file, '--sync');
    const endedBy = new Date();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^kind\s+setAccountDestination$/m);
    expect(r.stdout).toMatch(/^accounts\s+2$/m);
    expect(r.stdout.match(/^duplicateIgnored\s+(\S+)$/gm)).toEqual([`duplicateIgnored       ${ANN.toUpperCase()}`, `duplicateIgnored       ${BEN}`]);
    expect(r.stdout).toMatch(/setAccountDestination [0-9a-f-]{36}: succeeded 2\/2 done, 0 failed$/m);
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout).toMatch(new RegExp(`^${ANN.replace('.', '\\.')}\\s+${DST.replace(/\./g, '\\.')}\\s+succeeded`, 'm'));
    const id = /^operationId\s+(\S+)$/m.exec(r.stdout)![1];
    const op = await env.prisma.operation.findUnique({ where: { id } });
    expect(op).toMatchObject({ state: 'succeeded', total: 2 });
    expect(op!.endedAt!.getTime()).toBeLessThanOrEqual(endedBy.getTime());
    const replicas = await env.prisma.replica.findMany({ where: { destination: DST }, include: { account: true } });
    expect(replicas.map((x) => [x.account.name, x.state, x.priority]).sort()).toEqual([[ANN, 'active', 10], [BEN, 'active', 10]]);
  });

  it('--json answers the documented operation reference at once; monitor follows it to the end', T, async () => {
    const r = await cli('MailReplica', 'setAccountDestination', 'destination', DST, 'priority', '20', 'accounts', `${CAT},${DAN}, ${CAT}`, '--json');
    expect(r.code, r.stderr).toBe(0);
    const ref = json(OperationRefOutput, r.stdout);
    expect(ref).toMatchObject({ kind: 'setAccountDestination', accounts: 2, duplicates: [CAT] });
    const m = await cli('ha', 'monitor', ref.operationId, SRC, '--json');
    expect(m.code, m.stderr).toBe(0);
    const detail = json(OperationDetailOutput, m.stdout);
    expect(detail).toMatchObject({ id: ref.operationId, state: 'succeeded', total: 2, done: 2, failed: 0, actor: expect.stringMatching(/^cli:/), origin: 'cli' });
    expect(detail.items.map((i) => [i.accountName, i.state]).sort()).toEqual([[CAT, 'succeeded'], [DAN, 'succeeded']]);
    // The progress of --json goes to stderr, never into the JSON on stdout.
    expect(m.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('status, licence, verify', () => {
  it('getAccountStatus --json matches the documented shape and the databases; text prints the reference fields aligned', T, async () => {
    await until('every replica caught up and available', async () => {
      const p = await getAccountStatus(ha, {});
      return p.total === 4 && p.accounts.every((a) => a.replicas[0]?.available && a.replicas[0].sequence === a.sequence && a.sequence > 1);
    }, 90_000, 500);
    const all = await status();
    expect(all.count).toBe(4);
    expect(all.accounts.map((a) => a.accountName)).toEqual([ANN, BEN, CAT, DAN]);
    const src = await env.prisma.account.findUnique({ where: { name: ANN } });
    const a = all.accounts[0];
    expect(a).toMatchObject({ accountId: src!.id, accountMailHost: SRC, paused: false });
    expect(a.replicas).toEqual([expect.objectContaining({ accountId: src!.id, destination: DST, priority: 10, available: true, canConnectToKafka: true, state: 'active', itemId: a.itemId })]);

    const text = await cli('ha', 'getAccountStatus', 'accounts', ANN);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    const field = (l: string) => /^\s*(\S+)/.exec(l)?.[1];
    expect(lines.map(field).filter(Boolean)).toEqual(['accountId', 'accountName', 'accountMailHost', 'paused', 'mailboxId', 'sequence', 'itemId', 'replicas',
      'accountId', 'itemId', 'sequence', 'mailboxId', 'destination', 'available', 'priority', 'canConnectToKafka']);
    expect(lines).toContain(`${'accountMailHost'.padEnd(22)} ${SRC}`);
    expect(lines).toContain(`    ${'destination'.padEnd(22)} ${DST}`);

    const filtered = await status('replicaServer', DST, 'domains', 'cli-flow.test', 'accountStatus', 'active', 'replicaStatus', 'available', 'mailHost', SRC);
    expect(filtered.count).toBe(4);
    expect((await status('replicaStatus', 'unavailable')).count).toBe(0);

    const lic = json(LicenseInfoOutput, (await cli('core', 'getLicenseInfo', '--json')).stdout);
    expect(lic).toEqual({ ZxHA: { quantity: 100, licensed: true }, ha_basic: { name: 'ha_basic', quantity: 100, enabled: true }, enabledAccounts: 4 });
  });

  it('verify reports every replica equal to its source', T, async () => {
    const r = await cli('ha', 'verify', ANN, '--json');
    expect(r.code, r.stderr).toBe(0);
    const v = json(VerifyOutput, r.stdout);
    expect(v).toMatchObject({ accountName: ANN, source: SRC, replicas: [{ destination: DST, equal: true, differences: [] }] });
    const text = await cli('ha', 'verify', 'account', BEN, 'destination', DST);
    expect(text.stdout).toMatch(new RegExp(`^    ${DST.replace(/\./g, '\\.')}\\s+true`, 'm'));
  });
});

describe('pause, restart, the HA module', () => {
  it('pauseReplicas stops applying (status paused); restartReplicas catches up', T, async () => {
    const p = await cli('ha', 'pauseReplicas', 'accounts', ANN, '--sync', '--json');
    expect(p.code, p.stderr).toBe(0);
    expect(json(OperationDetailOutput, p.stdout)).toMatchObject({ kind: 'pauseReplicas', state: 'succeeded' });
    const paused = await status('accountStatus', 'paused');
    expect(paused.accounts.map((a) => [a.accountName, a.paused, a.replicas[0].state])).toEqual([[ANN, true, 'paused']]);
    const frozen = paused.accounts[0].replicas[0].sequence;
    expect((await traffic([ANN], 2)).replicated).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 3000));
    const still = await statusOf(ANN);
    expect(still.replicas[0].sequence).toBe(frozen);
    expect(still.sequence).toBeGreaterThan(frozen);

    const r = await cli('ha', 'restartReplicas', 'accounts', ANN, '--sync');
    expect(r.code, r.stderr).toBe(0);
    await until('the restarted replica to catch up', async () => {
      const a = await statusOf(ANN);
      return !a.paused && a.replicas[0].state === 'active' && a.replicas[0].sequence === a.sequence;
    }, 90_000, 500);
  });

  it('doStopService module stops the real agent of the destination (replicas unavailable, not applied); doStartService resumes it', T, async () => {
    const stop = await cli('ha', 'doStopService', 'module', 'host', DST);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toMatch(/^components\s+.*agent/m);
    const svc = json(ServicesOutput, (await cli('ha', 'getServices', 'host', DST, '--json')).stdout).services[0];
    expect(svc).toMatchObject({ host: DST, running: false, agentAlive: false, nodeUp: true });
    await until('the replicas to show unavailable', async () => (await getAccountStatus(ha, { replicaStatus: 'unavailable' })).total === 4, 30_000, 500);
    expect((await status('replicaStatus', 'unavailable')).count).toBe(4);
    const before = (await statusOf(BEN)).replicas[0].sequence;
    expect((await traffic([BEN], 2)).replicated).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2000));
    expect((await statusOf(BEN)).replicas[0].sequence).toBe(before);

    const start = await cli('ha', 'doStartService', 'module', 'host', DST);
    expect(start.code, start.stderr).toBe(0);
    await until('the agent to catch up after the module start', async () => {
      const a = await statusOf(BEN);
      return a.replicas[0].available && a.replicas[0].sequence === a.sequence;
    }, 90_000, 500);
    expect((await cli('ha', 'verify', BEN)).code).toBe(0);
  });
});

describe('remove, promote', () => {
  it('removeAccountDestination --sync on a terminal draws a progress bar; the replica is gone', T, async () => {
    const cmd = [process.execPath, path.join(projectRoot(), 'bin', 'carbonio.mjs'), 'ha', 'removeAccountDestination', DST, 'accounts', DAN, '--sync'].join(' ');
    const out = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile('script', ['-qec', cmd, '/dev/null'], { env: { ...env.childEnv(), COLUMNS: '100' }, timeout: 240_000 }, (err, stdout) =>
        resolve({ code: err ? Number(err.code) : 0, stdout }));
    });
    expect(out.code, out.stdout).toBe(0);
    expect(out.stdout).toMatch(/\r\[[#-]+\] \d+\/1 done, 0 failed \((queued|running|succeeded)\)/);
    expect(out.stdout).toMatch(/\[#+\] 1\/1 done, 0 failed \(succeeded\)/);
    const dan = await env.prisma.account.findUnique({ where: { name: DAN } });
    expect(await env.prisma.replica.count({ where: { accountId: dan!.id } })).toBe(0);
  });

  it('promoteAccounts dryRun changes nothing; the real promotion moves the account; getPromotions lists it', T, async () => {
    const before = await stateSnapshot(env.prisma);
    const dry = await cli('ha', 'promoteAccounts', 'accounts', `${BEN},${DAN}`, 'dryRun', 'true', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const plan = json(PromoteAccountsOutput, dry.stdout);
    expect(plan).toEqual({ dryRun: true, plan: [
      expect.objectContaining({ accountName: BEN, sourceMailHost: SRC, destination: DST, priority: 10, blockers: [] }),
      expect.objectContaining({ accountName: DAN, destination: null, blockers: ['the account has no replica'] }),
    ] });
    expect(await stateSnapshot(env.prisma)).toEqual(before);

    const r = await cli('ha', 'promoteAccounts', 'accounts', BEN, 'threads', '1', '--sync', '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const detail = json(OperationDetailOutput, r.stdout);
    expect(detail).toMatchObject({ kind: 'promoteAccounts', state: 'succeeded', items: [expect.objectContaining({ accountName: BEN, destination: DST, state: 'succeeded' })] });
    expect((await env.prisma.account.findUnique({ where: { name: BEN } }))!.mailHost).toBe(DST);
    const history = json(PromotionsOutput, (await cli('ha', 'getPromotions', 'account', BEN, '--json')).stdout);
    expect(history.promotions).toEqual([expect.objectContaining({ accountName: BEN, fromHost: SRC, toHost: DST, operationId: detail.id })]);
  });
});

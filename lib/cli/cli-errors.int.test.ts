import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { ErrorOutput } from './json-output';
import { createAccounts, setLicense, stateSnapshot } from './test-support/fixtures';
import { runCli, type CliResult } from './test-support/run-cli';

// Every refusal of the real binary: exit code, one line per problem, and nothing changed in the
// HA database (replicas, operations, accounts, topology).

let env: TestEnv;
let dir: string;
let before: Awaited<ReturnType<typeof stateSnapshot>>;
const SRC = 'mbox1.cli-errors.test';
const DST = 'mbox2.cli-errors.test';
const cli = (...args: string[]) => runCli(args, env.childEnv());
const lines = (r: CliResult) => r.stderr.trim().split('\n');

beforeAll(async () => {
  env = await createTestEnv('cli_errors');
  await env.startNode(SRC, { factories: [] });
  await env.startNode(DST, { factories: [] });
  await createAccounts(env.prisma, [
    { name: 'john.doe@example.com', mailHost: SRC },
    { name: 'jane.doe@example.com', mailHost: SRC },
    { name: 'staff@example.com', mailHost: SRC, kind: 'distribution_list' },
  ]);
  await setLicense(env.prisma, 1000);
  dir = mkdtempSync(path.join(os.tmpdir(), 'cli-errors-'));
});
afterAll(async () => env?.cleanup());
beforeEach(async () => {
  before = await stateSnapshot(env.prisma);
});
async function expectNothingChanged() {
  expect(await stateSnapshot(env.prisma)).toEqual(before);
}

describe('setAccountDestination refusals', () => {
  it('wildcards and regular expressions in an address', async () => {
    const r = await cli('ha', 'setAccountDestination', DST, '10', 'accounts', 'john*@example.com,?ohn@example.com');
    expect(r.code).toBe(2);
    expect(lines(r)).toEqual([
      'error: "john*@example.com" contains wildcard or regular-expression characters; give exact addresses (e.g. john.doe@example.com)',
      'error: "?ohn@example.com" contains wildcard or regular-expression characters; give exact addresses (e.g. john.doe@example.com)',
    ]);
    await expectNothingChanged();
  });

  it('a distribution list', async () => {
    const r = await cli('ha', 'setAccountDestination', DST, '10', 'accounts', 'john.doe@example.com,staff@example.com');
    expect(r.code).toBe(2);
    expect(lines(r)).toEqual(['error: staff@example.com is a distribution list; only accounts can be replicated']);
    await expectNothingChanged();
  });

  it('unknown accounts: every one listed', async () => {
    const r = await cli('ha', 'setAccountDestination', DST, '10', 'accounts', 'nobody1@example.com,john.doe@example.com,nobody2@example.com', '--json');
    expect(r.code).toBe(2);
    const err = ErrorOutput.parse(JSON.parse(r.stdout)).error;
    expect(err.code).toBe('invalid_input');
    expect(err.problems).toEqual([
      { field: 'nobody1@example.com', message: 'no account named nobody1@example.com' },
      { field: 'nobody2@example.com', message: 'no account named nobody2@example.com' },
    ]);
    await expectNothingChanged();
  });

  it('an unknown destination', async () => {
    const r = await cli('ha', 'setAccountDestination', 'nowhere.cli-errors.test', '10', 'accounts', 'john.doe@example.com');
    expect(r.code).toBe(2);
    expect(lines(r)).toEqual(['error: unknown destination nowhere.cli-errors.test: no mailstore of that name is registered']);
    await expectNothingChanged();
  });

  it('non-integer and negative priorities', async () => {
    for (const [priority, message] of [['ten', 'priority must be an integer, got "ten"'], ['1.5', 'priority must be an integer, got "1.5"'], ['-1', 'priority must be 0 or more']]) {
      const r = await cli('ha', 'setAccountDestination', DST, priority, 'accounts', 'john.doe@example.com');
      expect(r.code).toBe(2);
      expect(lines(r)).toEqual([`error: ${message}`]);
    }
    await expectNothingChanged();
  });

  it('missing mandatory parameters and no accounts', async () => {
    const r = await cli('ha', 'setAccountDestination');
    expect(r.code).toBe(2);
    expect(lines(r)).toEqual([
      'error: missing mandatory parameter destination (the destination mailstore (FQDN))',
      'error: missing mandatory parameter priority (replica priority, 0 or more; lower is preferred at promotion (10 before 11, 20, 100))',
    ]);
    const noAccounts = await cli('ha', 'setAccountDestination', DST, '10');
    expect(noAccounts.code).toBe(2);
    expect(lines(noAccounts)).toEqual(['error: missing accounts: give "accounts a@example.com,b@example.com" or "input_file PATH"']);
    await expectNothingChanged();
  });

  it('an unknown parameter', async () => {
    const r = await cli('ha', 'setAccountDestination', DST, '10', 'acount', 'john.doe@example.com');
    expect(r.code).toBe(2);
    expect(lines(r)).toEqual(['error: unknown parameter "acount" (did you mean accounts?); this command accepts: destination, priority, accounts, input_file']);
    await expectNothingChanged();
  });

  it('an unreadable or empty input file', async () => {
    const missing = path.join(dir, 'missing');
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    const empty = path.join(dir, 'empty');
    writeFileSync(empty, '');
    const blank = path.join(dir, 'blank');
    writeFileSync(blank, '\r\n   \n\t\n');
    expect(lines(await cli('ha', 'setAccountDestination', DST, '10', 'input_file', missing))).toEqual([`error: input_file ${missing} cannot be read: no such file`]);
    expect(lines(await cli('ha', 'setAccountDestination', DST, '10', 'input_file', folder))).toEqual([`error: input_file ${folder} cannot be read: it is a directory`]);
    for (const f of [empty, blank]) {
      const r = await cli('ha', 'setAccountDestination', DST, '10', 'input_file', f);
      expect(r.code).toBe(2);
      expect(lines(r)).toEqual([`error: input_file ${f} lists no account (it is empty or has only blank lines)`]);
    }
    const both = await cli('ha', 'setAccountDestination', DST, '10', 'input_file', empty, 'accounts', 'john.doe@example.com');
    expect(lines(both)).toEqual(['error: give the accounts either as "accounts a,b" or as "input_file PATH", not both']);
    await expectNothingChanged();
  });

  it('a licence that would be exceeded', async () => {
    await setLicense(env.prisma, 1);
    before = await stateSnapshot(env.prisma);
    try {
      const r = await cli('ha', 'setAccountDestination', DST, '10', 'accounts', 'john.doe@example.com,jane.doe@example.com');
      expect(r.code).toBe(5);
      expect(lines(r)).toEqual([expect.stringMatching(/^error: The ZxHA licence covers 1 accounts; 0 are enabled and this request would enable 2 more \(2\)/)]);
      await expectNothingChanged();
    } finally {
      await setLicense(env.prisma, 1000);
    }
  });
});

describe('other commands', () => {
  it('pauseReplicas, restartReplicas and removeAccountDestination refuse unknown accounts and destinations', async () => {
    for (const cmd of ['pauseReplicas', 'restartReplicas']) {
      const r = await cli('ha', cmd, 'accounts', 'nobody@example.com,john*@example.com');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no account named nobody@example.com');
      expect(r.stderr).toContain('"john*@example.com" contains wildcard');
    }
    const rm = await cli('ha', 'removeAccountDestination', 'accounts', 'john.doe@example.com');
    expect(rm.code).toBe(2);
    expect(lines(rm)).toEqual(['error: missing mandatory parameter destination (the mailstore holding the replicas to delete)']);
    await expectNothingChanged();
  });

  it('getAccountStatus refuses bad filters', async () => {
    const r = await cli('ha', 'getAccountStatus', 'accountStatus', 'sleeping', 'replicaStatus', 'maybe', 'accounts', 'j*@example.com');
    expect(r.code).toBe(2);
    expect(lines(r)).toEqual([
      'error: accountStatus must be one of active, paused, got "sleeping"',
      'error: replicaStatus must be one of available, unavailable, got "maybe"',
    ]);
    const wild = await cli('ha', 'getAccountStatus', 'accounts', 'j*@example.com');
    expect(wild.code).toBe(2);
    expect(wild.stderr).toContain('"j*@example.com" contains wildcard');
  });

  it('monitor refuses a malformed and an unknown operation id', async () => {
    const bad = await cli('ha', 'monitor', '42');
    expect([bad.code, lines(bad)]).toEqual([2, ['error: operation_uuid must be an operation UUID, got "42"']]);
    const unknown = await cli('ha', 'monitor', '3f1c9a52-8a5e-4b0e-9d43-2f6f0b7e4c11');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('3f1c9a52-8a5e-4b0e-9d43-2f6f0b7e4c11');
  });
});

describe('waiting', () => {
  // These nodes run no operation worker: an operation started here stays queued.
  it('--sync --timeout stops waiting with the timeout code (7) and says how to follow the operation, which keeps existing', async () => {
    const r = await cli('ha', 'setAccountDestination', DST, '10', 'accounts', 'john.doe@example.com', '--sync', '--timeout', '2');
    expect(r.code).toBe(7);
    const id = /^operationId\s+(\S+)$/m.exec(r.stdout)![1];
    expect(r.stdout).toMatch(/queued 0\/1 done, 0 failed$/m);
    expect(lines(r)).toEqual([`error: stopped waiting after 2 s; operation ${id} keeps running: carbonio ha monitor ${id}`]);
    expect(await env.prisma.operation.findUnique({ where: { id } })).toMatchObject({ state: 'queued' });
    const m = await cli('ha', 'monitor', id, '--timeout', '1', '--json');
    expect(m.code).toBe(7);
    expect(ErrorOutput.parse(JSON.parse(m.stdout)).error).toMatchObject({ code: 'timeout', retriable: true });
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool, type Pool } from '../db/pool';
import { addAccounts, addServers, refreshHeartbeats, type FixtureAccount } from '../ha/get-account-status-fixture';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { AccountStatusOutput } from './json-output';
import { runCli } from './test-support/run-cli';

// getAccountStatus over more accounts than one page (500): everything is listed once, in order,
// in text and in JSON, read page by page from the HA database (no mailstore needs to run).

let env: TestEnv;
let db: Pool;
const HOSTS = ['mbox1.cli-stream.test', 'mbox2.cli-stream.test'];
const N = 1234;
const names = Array.from({ length: N }, (_, i) => `u${String(i).padStart(4, '0')}@cli-stream.test`);

beforeAll(async () => {
  env = await createTestEnv('cli_stream');
  db = createPool(env.haDbUrl, { connectionLimit: 2 });
  await addServers(db, HOSTS.map((host) => ({ host, alive: true })));
  const accounts: FixtureAccount[] = names.map((name, i) => ({
    name, mailHost: HOSTS[0], status: { mailboxId: i + 1, sequence: 100 + i, itemId: 300 + i },
    replicas: [{ destination: HOSTS[1], priority: 10, state: 'active', sequence: 100 + i, itemId: 300 + i, mailboxId: i + 7 }],
  }));
  await addAccounts(db, accounts);
});
afterAll(async () => {
  await db?.end();
  await env?.cleanup();
});

it('streams every account of several pages in JSON and in text, in name order, each once', { timeout: 300_000 }, async () => {
  await refreshHeartbeats(db, HOSTS);
  const r = await runCli(['ha', 'getAccountStatus', '--json'], env.childEnv(), { timeoutMs: 240_000 });
  expect(r.code, r.stderr).toBe(0);
  const out = AccountStatusOutput.parse(JSON.parse(r.stdout));
  expect(out.count).toBe(N);
  expect(out.accounts.map((a) => a.accountName)).toEqual(names);
  expect(out.accounts[N - 1]).toMatchObject({ sequence: 100 + N - 1, itemId: 300 + N - 1, replicas: [{ destination: HOSTS[1], sequence: 100 + N - 1, mailboxId: N - 1 + 7, available: true }] });

  await refreshHeartbeats(db, HOSTS);
  const text = await runCli(['ha', 'getAccountStatus', 'domains', 'cli-stream.test', 'replicaServer', HOSTS[1]], env.childEnv(), { timeoutMs: 240_000 });
  expect(text.code, text.stderr).toBe(0);
  expect([...text.stdout.matchAll(/^accountName\s+(\S+)$/gm)].map((m) => m[1])).toEqual(names);
  expect(text.stdout.match(/^replicas$/gm)).toHaveLength(N);
});

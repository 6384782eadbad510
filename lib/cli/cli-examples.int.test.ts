import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../db/pool';
import { agentGroupId, createKafka, EVENTS_TOPIC, KafkaAdmin } from '../kafka';
import { getAccountStatus } from '../ha';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { silentLogger } from '../log/logger';
import type { MailstoreNode } from '../node/node';
import { seedDirectory } from '../seed/seed-directory';
import { DEMO_MAILSTORES, REFERENCE_ACCOUNTS } from '../seed/topology';
import { runTraffic } from '../traffic/run-traffic';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { AccountStatusOutput, BrokersOutput } from './json-output';
import { runCli, runShell } from './test-support/run-cli';
import { until } from './test-support/wait';

// Every example of the product's administrator page (shared/reference/active-replica.rst), run
// verbatim by the real binary against the demo topology (mbox1/mbox2/mailstore1.example.com, the
// reference accounts, staff@example.com), with real nodes, Kafka and MariaDB. This env's database
// prefix keeps the documented host names apart from other tests.

const [MBOX1, MBOX2, MAILSTORE1] = DEMO_MAILSTORES;
let env: TestEnv;
let ha: HaContextHandle;
const nodes: Record<string, MailstoreNode> = {};
const T = { timeout: 420_000 };
const sh = (line: string) => runShell(line, env.childEnv(), { timeoutMs: 300_000 });
const cli = (...args: string[]) => runCli(args, env.childEnv(), { timeoutMs: 300_000 });
const hostOf = async (name: string) => (await env.prisma.account.findUnique({ where: { name } }))!.mailHost;
const operationIdOf = (stdout: string) => /^operationId\s+([0-9a-f-]{36})$/m.exec(stdout)![1];
/** Account names listed by a text getAccountStatus, in order. */
const listed = (stdout: string) => [...stdout.matchAll(/^accountName\s+(\S+)$/gm)].map((m) => m[1]);

/** Each agent group's members and, per partition, committed offset / end: read when an operation failed. */
async function agentGroups(): Promise<string> {
  const admin = new KafkaAdmin(createKafka({ brokers: env.brokers }, silentLogger));
  try {
    const ends = await admin.highWatermarks(EVENTS_TOPIC);
    const lines = await Promise.all(DEMO_MAILSTORES.map(async (h) => {
      const group = agentGroupId(h, env.namespace);
      const [{ state, members }, committed] = await Promise.all([admin.groupMembers(group), admin.groupOffsets(group, EVENTS_TOPIC)]);
      return `${group}: ${state}, ${members} member(s); ${[...ends].sort((a, b) => a[0] - b[0]).map(([p, end]) => `p${p} ${committed.get(p) ?? -1}/${end}`).join(' ')}`;
    }));
    return lines.join('\n');
  } catch (err) {
    return `agent groups unreadable: ${(err as Error).message}`;
  } finally {
    await admin.disconnect();
  }
}

async function monitorSucceeds(operationId: string) {
  const m = await cli('ha', 'monitor', operationId);
  if (m.code !== 0) expect.fail(`${m.stdout}${m.stderr}\n${await agentGroups()}`);
  expect(m.stdout).toMatch(/^state\s+succeeded$/m);
  return m.stdout;
}

beforeAll(async () => {
  env = await createTestEnv('cli_examples');
  for (const host of DEMO_MAILSTORES) nodes[host] = await env.startNode(host);
  const pool = createPool(env.haDbUrl, { connectionLimit: 1 });
  await seedDirectory(pool, { mailstores: [...DEMO_MAILSTORES], generatedAccounts: 0, brokers: env.brokers }).finally(() => pool.end());
  ha = createHaContext({ haDbUrl: env.haDbUrl, actor: { email: 'test@example.com', role: 'global_admin', origin: 'console' }, log: silentLogger });
  const t = await runTraffic({ haDbUrl: env.haDbUrl, accounts: REFERENCE_ACCOUNTS, rate: 40, seconds: 3 });
  expect(t.acked).toBeGreaterThan(5);
}, 300_000);
afterAll(async () => {
  await ha?.close();
  await env?.cleanup();
});

describe('Active Replica Requirements', () => {
  it('carbonio core getLicenseInfo | grep -e ZxHA -e ha_basic -A2', T, async () => {
    const r = await sh('carbonio core getLicenseInfo | grep -e ZxHA -e ha_basic -A2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      'ZxHA', 'quantity 1000', 'licensed true', '--', 'name ha_basic', 'quantity 1000', 'enabled true',
    ]);
  });
});

describe('Enabling Active Replica', () => {
  it('both "carbonio config set global brokers" examples set the list; the running nodes follow it, and come back when it is restored', T, async () => {
    for (const list of ['event1.example.com:9092,event2.example.com:9092,event3.example.com:9092', '10.0.10.11:9092,10.0.10.12:9092,10.0.10.13:9092']) {
      const r = await sh(`carbonio config set global brokers "${list}"`);
      expect(r.code, r.stderr).toBe(0);
      expect((await env.prisma.globalConfig.findUnique({ where: { key: 'brokers' } }))?.value).toBe(list);
      // They do not exist here: each is reported, the list is saved as the page says.
      expect(r.stderr.trim().split('\n')).toHaveLength(3);
      expect(r.stderr).toMatch(/^warning: \S+:9092 does not answer from this host/m);
      await until('every node to switch to the new list', () => DEMO_MAILSTORES.every((h) => nodes[h].context().kafka.handles()?.brokers.join(',') === list), 30_000);
    }
    const get = await cli('config', 'get', 'global', 'brokers', '--json');
    expect(BrokersOutput.parse(JSON.parse(get.stdout)).brokers).toEqual(['10.0.10.11:9092', '10.0.10.12:9092', '10.0.10.13:9092']);
    const restore = await cli('config', 'set', 'global', 'brokers', env.brokers.join(','));
    expect(restore.code, restore.stderr).toBe(0);
    await until('every node to reach Kafka again', () => DEMO_MAILSTORES.every((h) => nodes[h].context().kafka.reachable && nodes[h].context().kafka.handles()?.brokers.join(',') === env.brokers.join(',')), 60_000);
    // Each agent reconnected at every change, sometimes while its consumer was still joining:
    // none may leave a second member behind (it would hold partitions and deliver nothing).
    const admin = new KafkaAdmin(createKafka({ brokers: env.brokers }, silentLogger));
    const groups = DEMO_MAILSTORES.map((h) => agentGroupId(h, env.namespace));
    let members: number[] = [];
    try {
      await until('each agent group to have one member', async () => {
        members = await Promise.all(groups.map(async (g) => (await admin.groupMembers(g)).members));
        return members.every((n) => n === 1);
      }, 60_000, 500).catch((err: Error) => {
        throw new Error(`${err.message}: members ${groups.map((g, i) => `${g}=${members[i]}`).join(', ')}`);
      });
    } finally {
      await admin.disconnect();
    }
  });
});

describe('Limitations of the commands', () => {
  it('regular expressions in the account name and distribution lists are refused', T, async () => {
    const r = await sh("carbonio ha setAccountDestination mailstore1.example.com 10 accounts 'john*@example.com,?ohn@example.com,staff@example.com'");
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'error: "john*@example.com" contains wildcard or regular-expression characters; give exact addresses (e.g. john.doe@example.com)',
      'error: "?ohn@example.com" contains wildcard or regular-expression characters; give exact addresses (e.g. john.doe@example.com)',
      'error: staff@example.com is a distribution list; only accounts can be replicated',
    ]);
    expect(await env.prisma.replica.count()).toBe(0);
  });
});

describe('Replica Initialisation', () => {
  it('carbonio ha setAccountDestination mailstore1.example.com 10 accounts user1@customer.tld,user2@customer.tld', T, async () => {
    const r = await sh('carbonio ha setAccountDestination mailstore1.example.com 10 accounts user1@customer.tld,user2@customer.tld');
    expect(r.code, r.stderr).toBe(0);
    const id = operationIdOf(r.stdout);
    const out = await monitorSucceeds(id);
    expect(out).toMatch(/^user1@customer\.tld\s+mailstore1\.example\.com\s+succeeded/m);
    expect(out).toMatch(/^user2@customer\.tld\s+mailstore1\.example\.com\s+succeeded/m);
    const note = await env.prisma.notification.findFirst({ where: { operationId: id } });
    expect(note).toMatchObject({ kind: 'replica-initialised' });
  });

  it('carbonio ha setAccountDestination mailstore1.example.com 10 input_file /tmp/accounts', T, async () => {
    writeFileSync('/tmp/accounts', 'john.doe@example.com\njane.doe@example.com\n');
    const r = await sh('carbonio ha setAccountDestination mailstore1.example.com 10 input_file /tmp/accounts');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^accounts\s+2$/m);
    await monitorSucceeds(operationIdOf(r.stdout));
    const replicas = await env.prisma.replica.findMany({ include: { account: true } });
    expect(replicas.map((x) => [x.account.name, x.destination, x.priority, x.state]).sort()).toEqual([
      ['jane.doe@example.com', MAILSTORE1, 10, 'active'], ['john.doe@example.com', MAILSTORE1, 10, 'active'],
      ['user1@customer.tld', MAILSTORE1, 10, 'active'], ['user2@customer.tld', MAILSTORE1, 10, 'active'],
    ]);
  });
});

describe('Replica Monitoring', () => {
  it('getAccountStatus without parameters and with each documented filter', T, async () => {
    await until('the four replicas to be available and caught up', async () => {
      const p = await getAccountStatus(ha, {});
      return p.total === 4 && p.accounts.every((a) => a.replicas[0]?.available && a.replicas[0].sequence === a.sequence);
    }, 90_000, 500);
    const all = ['jane.doe@example.com', 'john.doe@example.com', 'user1@customer.tld', 'user2@customer.tld'];
    const cases: [string, string[]][] = [
      ['carbonio ha getAccountStatus', all],
      [`carbonio ha getAccountStatus mailHost ${MBOX1}`, all],
      [`carbonio ha getAccountStatus mailHost ${MBOX2}`, []],
      [`carbonio ha getAccountStatus replicaServer ${MAILSTORE1}`, all],
      ['carbonio ha getAccountStatus accounts john.doe@example.com,jane.doe@example.com', ['jane.doe@example.com', 'john.doe@example.com']],
      ['carbonio ha getAccountStatus domains customer.tld', ['user1@customer.tld', 'user2@customer.tld']],
      ['carbonio ha getAccountStatus domains example.com,customer.tld', all],
      ['carbonio ha getAccountStatus accountStatus active', all],
      ['carbonio ha getAccountStatus accountStatus paused', []],
      ['carbonio ha getAccountStatus replicaStatus available', all],
      ['carbonio ha getAccountStatus replicaStatus unavailable', []],
    ];
    for (const [line, expected] of cases) {
      const r = await sh(line);
      expect(r.code, `${line}: ${r.stderr}`).toBe(0);
      expect(listed(r.stdout), line).toEqual(expected);
      if (expected.length === 0) expect(r.stderr).toBe('No replicated account matches.\n');
    }
    // Every reference field, with the values the databases hold.
    const john = await env.prisma.account.findUnique({ where: { name: 'john.doe@example.com' } });
    const s = AccountStatusOutput.parse(JSON.parse((await cli('ha', 'getAccountStatus', 'accounts', 'john.doe@example.com', '--json')).stdout));
    const [a] = s.accounts;
    const src = createPool(env.mailstoreDbUrl(MBOX1), { connectionLimit: 1 });
    const dst = createPool(env.mailstoreDbUrl(MAILSTORE1), { connectionLimit: 1 });
    try {
      const [m] = await src.query('SELECT id, change_checkpoint, item_id_checkpoint FROM mailbox WHERE account_id = ?', [john!.id]);
      const [rm] = await dst.query('SELECT id, change_checkpoint, item_id_checkpoint FROM mailbox WHERE account_id = ?', [john!.id]);
      expect(a).toMatchObject({ accountId: john!.id, accountName: 'john.doe@example.com', accountMailHost: MBOX1, paused: false, mailboxId: m.id, sequence: m.change_checkpoint, itemId: m.item_id_checkpoint });
      expect(a.replicas).toEqual([expect.objectContaining({
        accountId: john!.id, mailboxId: rm.id, sequence: rm.change_checkpoint, itemId: rm.item_id_checkpoint,
        destination: MAILSTORE1, available: true, priority: 10, canConnectToKafka: true,
      })]);
    } finally {
      await src.end();
      await dst.end();
    }
  });
});

describe('Replica Promotion', () => {
  it('carbonio ha promoteAccounts accounts alice.doe@example.com,bob.doe@example.com: each goes to its lowest-priority-number replica', T, async () => {
    // alice and bob get two replicas each: mailstore1 (10) is preferred to mbox2 (20).
    for (const [host, priority] of [[MAILSTORE1, '10'], [MBOX2, '20']]) {
      const r = await cli('ha', 'setAccountDestination', host, priority, 'accounts', 'alice.doe@example.com,bob.doe@example.com', '--sync');
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
    const r = await sh('carbonio ha promoteAccounts accounts alice.doe@example.com,bob.doe@example.com');
    expect(r.code, r.stderr).toBe(0);
    const id = operationIdOf(r.stdout);
    await monitorSucceeds(id);
    expect([await hostOf('alice.doe@example.com'), await hostOf('bob.doe@example.com')]).toEqual([MAILSTORE1, MAILSTORE1]);
    expect(await env.prisma.notification.findFirst({ where: { operationId: id } })).toMatchObject({ kind: 'promotion-completed' });
  });

  it('carbonio ha promoteAccounts input_file /tmp/accounts', T, async () => {
    writeFileSync('/tmp/accounts', 'john.doe@example.com\njane.doe@example.com\n');
    const r = await sh('carbonio ha promoteAccounts input_file /tmp/accounts');
    expect(r.code, r.stderr).toBe(0);
    await monitorSucceeds(operationIdOf(r.stdout));
    expect([await hostOf('john.doe@example.com'), await hostOf('jane.doe@example.com')]).toEqual([MAILSTORE1, MAILSTORE1]);
  });

  it('carbonio ha promoteAccounts source_mail_host mbox1.example.com, with mbox1 offline', T, async () => {
    await nodes[MBOX1].stop();
    const r = await sh('carbonio ha promoteAccounts source_mail_host mbox1.example.com');
    expect(r.code, r.stderr).toBe(0);
    await monitorSucceeds(operationIdOf(r.stdout));
    expect([await hostOf('user1@customer.tld'), await hostOf('user2@customer.tld')]).toEqual([MAILSTORE1, MAILSTORE1]);
    const history = await cli('ha', 'getPromotions');
    for (const name of ['alice.doe@example.com', 'bob.doe@example.com', 'john.doe@example.com', 'jane.doe@example.com', 'user1@customer.tld', 'user2@customer.tld']) {
      expect(history.stdout).toMatch(new RegExp(`^\\S+\\s+${name.replace(/\./g, '\\.')}\\s+mbox1\\.example\\.com\\s+mailstore1\\.example\\.com\\s+promoted`, 'm'));
    }
  });
});

describe('Replica Deletion', () => {
  it('removeAccountDestination with destination and accounts deletes the replicated metadata', T, async () => {
    const r = await cli('ha', 'removeAccountDestination', MBOX2, 'accounts', 'alice.doe@example.com,bob.doe@example.com', '--sync');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const alice = await env.prisma.account.findUnique({ where: { name: 'alice.doe@example.com' } });
    expect(await env.prisma.replica.count({ where: { accountId: alice!.id } })).toBe(0);
    const mbox2 = createPool(env.mailstoreDbUrl(MBOX2), { connectionLimit: 1 });
    try {
      expect(await mbox2.query('SELECT id FROM mailbox WHERE account_id = ?', [alice!.id])).toEqual([]);
    } finally {
      await mbox2.end();
    }
  });
});

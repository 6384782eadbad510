import { execFile } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config/paths';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { BrokersOutput, BrokerTestOutput, ErrorOutput, ServiceActionOutput, ServicesOutput } from './json-output';
import { runCli } from './test-support/run-cli';

// The real binary against a real HA database, Kafka and mailstore nodes: help, the brokers
// configuration, the broker test, the HA module services, and the usage errors.

let env: TestEnv;
const H1 = 'mbox1.cli-basics.test';
const H2 = 'mbox2.cli-basics.test';
const cli = (...args: string[]) => runCli(args, env.childEnv());

beforeAll(async () => {
  env = await createTestEnv('cli_basics');
  await env.startNode(H1);
  await env.startNode(H2);
});
afterAll(async () => env?.cleanup());

describe('help', () => {
  it('carbonio help, carbonio ha help and carbonio ha COMMAND help describe every command and parameter', async () => {
    const top = await cli('help');
    expect(top.code).toBe(0);
    for (const word of ['ha', 'MailReplica', 'config', 'core', '--json', '--sync', 'Exit codes']) expect(top.stdout).toContain(word);
    const ha = await cli('ha', 'help');
    for (const c of ['setAccountDestination', 'getAccountStatus', 'promoteAccounts', 'removeAccountDestination', 'pauseReplicas', 'restartReplicas', 'verify', 'monitor', 'test', 'getServices', 'doStartService', 'doStopService', 'doRestartService']) {
      expect(ha.stdout).toContain(c);
    }
    const cmd = await cli('MailReplica', 'setAccountDestination', 'help');
    expect(cmd.code).toBe(0);
    expect(cmd.stdout).toContain('carbonio ha setAccountDestination {destination} {priority} [accounts ACCOUNT[,ACCOUNT...]] [input_file PATH]');
    for (const p of ['destination', 'priority', 'accounts', 'input_file']) expect(cmd.stdout).toMatch(new RegExp(`^  ${p}\\s+[MO]  `, 'm'));
    expect((await cli('ha', 'help', 'monitor')).stdout).toContain('{operation_uuid} [operation_host]');
    expect((await cli('config', '--help')).stdout).toContain('carbonio config COMMAND');
  });

  it('npx carbonio in the repository runs this package\'s own binary (nothing is fetched)', async () => {
    const r = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile('npx', ['--no-install', 'carbonio', 'ha', 'help'], { cwd: projectRoot(), env: env.childEnv(), timeout: 120_000 }, (err, stdout) =>
        resolve({ code: err ? Number(err.code) : 0, stdout })));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('carbonio ha COMMAND [PARAMETERS]');
  });
});

describe('config set|get global brokers', () => {
  it('sets a validated list that the running nodes pick up, and reads it back', async () => {
    const good = env.brokers.join(',');
    const set = await cli('config', 'set', 'global', 'brokers', `${good},127.0.0.1:1`, '--json');
    expect(set.code).toBe(0);
    const out = BrokersOutput.parse(JSON.parse(set.stdout));
    expect(out.brokers).toEqual([...env.brokers, '127.0.0.1:1']);
    expect(out.unreachable).toEqual([expect.objectContaining({ broker: '127.0.0.1:1' })]);
    expect(set.stderr).toMatch(/^warning: 127\.0\.0\.1:1 does not answer from this host/m);
    const get = await cli('config', 'get', 'global', 'brokers');
    expect(get.stdout).toMatch(new RegExp(`^brokers\\s+${good.replace(/\./g, '\\.')},127\\.0\\.0\\.1:1$`, 'm'));
    const restored = await cli('config', 'set', 'global', 'brokers', good);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toBe('');
    expect((await env.prisma.globalConfig.findUnique({ where: { key: 'brokers' } }))?.value).toBe(good);
  });

  it('refuses a bad list with one line per problem, exit 2, and changes nothing', async () => {
    const before = await env.prisma.globalConfig.findUnique({ where: { key: 'brokers' } });
    const r = await cli('config', 'set', 'global', 'brokers', 'event1.example.com,event2.example.com:99999,event3.example.com:9092');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'error: brokers: "event1.example.com" is not host:port',
      'error: brokers: "event2.example.com:99999": port 99999 is out of range 1-65535',
    ]);
    const other = await cli('config', 'set', 'local', 'brokers', 'h:1');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('scope must be one of global, got "local"');
    expect(await env.prisma.globalConfig.findUnique({ where: { key: 'brokers' } })).toEqual(before);
  });
});

describe('ha test brokers', () => {
  it('reports each broker and exits 0 when all answer', async () => {
    const r = await cli('ha', 'test', 'brokers', env.brokers.join(','), '--json');
    expect(r.code).toBe(0);
    const out = BrokerTestOutput.parse(JSON.parse(r.stdout));
    expect(out).toMatchObject({ allReachable: true, brokers: [{ broker: env.brokers[0], reachable: true, clusterSize: 1 }] });
  });

  it('reports unreachable brokers one line each and exits with the unavailable code (6)', async () => {
    const r = await cli('ha', 'test', 'brokers', `${env.brokers[0]},127.0.0.1:1,no-such-host.invalid:9092`);
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(new RegExp(`^${env.brokers[0].replace(/\./g, '\\.')}\\s+true`, 'm'));
    expect(r.stdout).toMatch(/^127\.0\.0\.1:1\s+false/m);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('error: 2 of 3 brokers are unreachable');
    expect(lines[1]).toMatch(/^error: 127\.0\.0\.1:1 is unreachable: cannot open a TCP connection: .*ECONNREFUSED/);
    expect(lines[2]).toMatch(/^error: no-such-host\.invalid:9092 is unreachable: /);
  });
});

describe('getServices and the HA module', () => {
  it('stops, starts and restarts the module of one mailstore; getServices shows it', async () => {
    const stop = await cli('ha', 'doStopService', 'module', 'host', H1, '--json');
    expect(stop.code).toBe(0);
    expect(ServiceActionOutput.parse(JSON.parse(stop.stdout))).toMatchObject({ host: H1, running: false });
    const services = ServicesOutput.parse(JSON.parse((await cli('ha', 'getServices', '--json')).stdout)).services;
    expect(services.map((s) => [s.host, s.running, s.nodeUp])).toEqual([[H1, false, true], [H2, true, true]]);
    const text = await cli('ha', 'getServices');
    expect(text.stdout).toMatch(new RegExp(`^${H1.replace(/\./g, '\\.')}\\s+module\\s+false\\s+true`, 'm'));
    expect((await cli('ha', 'doStartService', 'module', 'host', H1)).stdout).toMatch(/^running\s+true$/m);
    const restart = await cli('MailReplica', 'doRestartService', 'service_name', 'module', 'host', H2);
    expect(restart.code).toBe(0);
    expect(ServicesOutput.parse(JSON.parse((await cli('ha', 'getServices', '--json')).stdout)).services.every((s) => s.running)).toBe(true);
  });

  it('needs the host when there are several mailstores, and refuses unknown ones', async () => {
    const r = await cli('ha', 'doStopService', 'module');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`this installation has 2 mailstores (${H1}, ${H2})`);
    const unknown = await cli('ha', 'doStopService', 'module', 'host', 'nowhere.cli-basics.test', '--json');
    expect(unknown.code).toBe(3);
    expect(ErrorOutput.parse(JSON.parse(unknown.stdout)).error.code).toBe('not_found');
    const svc = await cli('ha', 'doStopService', 'mailbox', 'host', H1);
    expect(svc.code).toBe(2);
    expect(svc.stderr).toContain('unknown service "mailbox"');
    expect(ServicesOutput.parse(JSON.parse((await cli('ha', 'getServices', '--json')).stdout)).services.every((s) => s.running)).toBe(true);
  });
});

describe('audit log', () => {
  /** Runs a command and returns the audit rows it added. */
  async function audited(...args: string[]) {
    const before = await env.prisma.auditLog.count();
    const r = await cli(...args);
    const rows = await env.prisma.auditLog.findMany({ orderBy: { id: 'asc' }, skip: before });
    return { r, rows };
  }

  it('records every command once, as cli:<user> from the CLI, reads and refusals included, with secrets removed', async () => {
    const user = `cli:${os.userInfo().username}`;
    const read = await audited('ha', 'getServices');
    expect(read.rows).toEqual([expect.objectContaining({ action: 'getServices', actor: user, role: 'cli', origin: 'cli', result: 'ok' })]);

    const probe = await audited('ha', 'test', 'brokers', '127.0.0.1:1', 'authentication', 'plain:ha:s3cret-pw');
    expect(probe.r.code).toBe(6);
    expect(probe.rows).toEqual([expect.objectContaining({ action: 'config.testBrokers', result: 'ok', message: '0/1 brokers reachable' })]);
    expect(probe.rows[0].params).toMatchObject({ brokers: '127.0.0.1:1', authentication: '[redacted]' });

    const refused = await audited('ha', 'test', 'authentication', 'plain:ha:s3cret-pw');
    expect(refused.r.code).toBe(2);
    expect(refused.rows).toEqual([expect.objectContaining({ action: 'config.testBrokers', result: 'invalid_input', message: expect.stringContaining('missing mandatory parameter brokers') })]);

    const file = await audited('ha', 'setAccountDestination', H2, '10', 'input_file', '/nonexistent/accounts');
    expect(file.rows).toEqual([expect.objectContaining({ action: 'setAccountDestination', result: 'invalid_input', message: 'input_file /nonexistent/accounts cannot be read: no such file' })]);

    const all = await env.prisma.auditLog.findMany();
    expect(JSON.stringify(all.map((a) => ({ ...a, id: Number(a.id) })))).not.toContain('s3cret-pw');
  });
});

describe('usage errors', () => {
  it('unknown namespace, command, parameter and option: exit 2 with one line each', async () => {
    const ns = await cli('hax', 'getAccountStatus');
    expect([ns.code, ns.stderr]).toEqual([2, expect.stringContaining('unknown namespace "hax"')]);
    const cmd = await cli('ha', 'getAcountStatus');
    expect([cmd.code, cmd.stderr]).toEqual([2, expect.stringContaining('unknown command of "ha" "getAcountStatus"')]);
    const param = await cli('ha', 'getAccountStatus', 'mailhostt', H1, '--json');
    expect(param.code).toBe(2);
    expect(ErrorOutput.parse(JSON.parse(param.stdout)).error.problems).toEqual([
      { field: 'mailhostt', message: 'unknown parameter "mailhostt" (did you mean mailHost?); this command accepts: mailHost, replicaServer, accounts, domains, accountStatus, replicaStatus' },
    ]);
    const opt = await cli('ha', 'getServices', '--yaml');
    expect([opt.code, opt.stderr.trim()]).toEqual([2, 'error: unknown option "--yaml"; the options are --json, --sync, --timeout SECONDS and --help']);
  });

  it('says where to point it when no database is configured', async () => {
    const r = await runCli(['ha', 'getServices'], { PATH: process.env.PATH, HOME: process.env.HOME, CARBONIO_DATA_DIR: env.blobDir } as unknown as NodeJS.ProcessEnv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No database configured: set CARBONIO_DB_URL');
  });
});

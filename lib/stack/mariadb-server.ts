import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as mariadb from 'mariadb';
import { connectionOptions, describeTarget, parseDbUrl } from '../db/url';
import { StackError } from './java';
import { sleep } from '../util/sleep';
import { isAlive, portOpen, readPid, spawnDetached, stopPid, tail } from './processes';

export interface PrivateMariaDbOptions {
  dir: string;
  port: number;
  log?: (line: string) => void;
}

const MARIADBD = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd', '/usr/sbin/mysqld'];

function findBinary(candidates: string[]): string | undefined {
  return candidates.find((c) => existsSync(c));
}

/** Installs Debian's mariadb-server when mariadbd is missing (the stack runs as root). */
function ensureMariaDbInstalled(log: (l: string) => void): string {
  let bin = findBinary(MARIADBD);
  if (bin) return bin;
  log("mariadbd is missing: installing Debian's mariadb-server package...");
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'mariadb-server'], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (err) {
    throw new StackError(`Could not install mariadb-server (${(err as Error).message.split('\n')[0]}). Install it (apt-get install mariadb-server) or set CARBONIO_DB_URL to an existing server.`);
  }
  bin = findBinary(MARIADBD);
  if (!bin) throw new StackError('mariadb-server was installed but mariadbd is still missing');
  return bin;
}

export function privateDbUrl(o: PrivateMariaDbOptions) {
  return `mysql://root@127.0.0.1:${o.port}`;
}

/** Starts (initialising on first use) a private MariaDB under o.dir; returns its URL. */
export async function startPrivateMariaDb(o: PrivateMariaDbOptions): Promise<string> {
  const log = o.log ?? (() => undefined);
  const data = path.join(o.dir, 'data');
  const pidFile = path.join(o.dir, 'mariadbd.pid');
  const logFile = path.join(o.dir, 'mariadbd.log');
  const running = readPid(pidFile);
  if (running && isAlive(running) && (await portOpen(o.port))) return privateDbUrl(o);
  if (await portOpen(o.port)) {
    throw new StackError(`Port ${o.port} is already in use by another process, so the private MariaDB cannot listen there. Stop it, or set CARBONIO_DB_URL to use that server.`);
  }
  const bin = ensureMariaDbInstalled(log);
  mkdirSync(o.dir, { recursive: true });
  if (!existsSync(path.join(data, 'mysql'))) {
    log(`Initialising a private MariaDB in ${data}...`);
    try {
      execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { stderr?: Buffer };
      throw new StackError(`mariadb-install-db failed in ${data}: ${String(e.stderr ?? '').slice(0, 1000)}. Delete the folder to retry: rm -rf ${o.dir}`);
    }
  }
  spawnDetached(bin, ['--no-defaults', `--datadir=${data}`, `--port=${o.port}`, '--bind-address=127.0.0.1', `--socket=${path.join(o.dir, 'mariadbd.sock')}`,
    `--pid-file=${path.join(o.dir, 'mariadbd.server.pid')}`, '--user=root', '--innodb-buffer-pool-size=512M', '--innodb-flush-log-at-trx-commit=2',
    '--max-connections=500', '--skip-name-resolve'], { logFile, pidFile });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const pid = readPid(pidFile);
    if (!pid || !isAlive(pid)) throw new StackError(`The private MariaDB exited during start-up. Last lines of ${logFile}:\n${tail(logFile)}`);
    if (await portOpen(o.port)) {
      try {
        const c = await mariadb.createConnection({ host: '127.0.0.1', port: o.port, user: 'root', connectTimeout: 1000 });
        await c.end();
        return privateDbUrl(o);
      } catch {
        /* still starting */
      }
    }
    await sleep(200);
  }
  throw new StackError(`The private MariaDB did not answer on port ${o.port} within 60 s; see ${logFile}`);
}

export async function stopPrivateMariaDb(o: PrivateMariaDbOptions) {
  const pid = readPid(path.join(o.dir, 'mariadbd.pid'));
  if (pid) await stopPid(pid, 30_000);
}

/** Checks that a server URL answers, with the documented hint for unix_socket-only root. */
export async function checkDbServer(url: string): Promise<void> {
  const t = parseDbUrl(url);
  try {
    const c = await mariadb.createConnection({ ...connectionOptions(t), connectTimeout: 3000 });
    await c.end();
  } catch (err) {
    throw new StackError(`Cannot log in to MariaDB at ${describeTarget(t)} as ${t.user}: ${(err as Error).message}. ` +
      'Check the credentials in CARBONIO_DB_URL (a stock Debian root uses unix_socket authentication, which refuses TCP logins).');
  }
}

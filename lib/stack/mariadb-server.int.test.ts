import { rmSync } from 'node:fs';
import path from 'node:path';
import * as mariadb from 'mariadb';
import { afterAll, expect, it } from 'vitest';
import { projectRoot } from '../config/paths';
import { checkDbServer, startPrivateMariaDb, stopPrivateMariaDb } from './mariadb-server';

const opts = { dir: path.join(projectRoot(), '.data', 'test', 'private-mariadb'), port: 23306 };
afterAll(async () => {
  await stopPrivateMariaDb(opts);
  rmSync(opts.dir, { recursive: true, force: true });
});

it('starts a private MariaDB under the data folder when no server URL is given, and stops it', async () => {
  const url = await startPrivateMariaDb(opts);
  expect(url).toBe('mysql://root@127.0.0.1:23306');
  const c = await mariadb.createConnection({ host: '127.0.0.1', port: 23306, user: 'root' });
  const [row] = await c.query('SELECT @@datadir AS d');
  expect(row.d).toContain('private-mariadb');
  await c.end();
  expect(await startPrivateMariaDb(opts)).toBe(url);
  await stopPrivateMariaDb(opts);
  await expect(checkDbServer(url)).rejects.toThrow(/Cannot log in to MariaDB at 127.0.0.1:23306/);
});

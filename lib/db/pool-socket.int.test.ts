import { existsSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { createPool, type Pool } from './pool';
import { checkDbServer } from '../stack/mariadb-server';

// The test server runs on this machine: ask it for its socket, then reach it through `?socket=`.
const dbUrl = process.env.CARBONIO_TEST_DB_URL!;
const pools: Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

it('a database URL with ?socket= connects through the Unix socket, not TCP', async () => {
  const tcp = createPool(dbUrl, { connectionLimit: 1 });
  pools.push(tcp);
  const [{ socket }] = await tcp.query<{ socket: string }[]>('SELECT @@socket AS socket');
  expect(existsSync(socket)).toBe(true);
  const u = new URL(dbUrl);
  u.searchParams.set('socket', socket);
  const url = u.toString();
  await checkDbServer(url);
  const viaSocket = createPool(url, { connectionLimit: 1 });
  pools.push(viaSocket);
  const [{ host }] = await viaSocket.query<{ host: string }[]>('SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()');
  const [{ host: tcpHost }] = await tcp.query<{ host: string }[]>('SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()');
  expect(host).toBe('localhost'); // a socket client has no port
  expect(tcpHost).toMatch(/:\d+$/);
});

it('a socket that does not exist is named in the error', async () => {
  const u = new URL(dbUrl);
  u.searchParams.set('socket', '/nonexistent/mysqld.sock');
  await expect(checkDbServer(u.toString())).rejects.toThrow(/\/nonexistent\/mysqld\.sock/);
});

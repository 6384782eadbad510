import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, TimeoutError, UnavailableError } from '../errors';
import { MailboxClient } from './api-client';

// A mailstore that accepts requests and never answers them (overloaded), and a port nobody listens on.
let silent: http.Server;
let silentUrl: string;
let closedUrl: string;
// A mailstore that echoes what it was sent, counting the connections it accepted.
let echo: http.Server;
let echoUrl: string;
let connections = 0;

beforeAll(async () => {
  silent = http.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((r) => probe.close(r));
  echo = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const missing = req.url!.includes('/nobody');
      res.writeHead(missing ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(missing ? { error: { code: 'not_found', message: 'No account with id nobody' } } : { method: req.method, url: req.url, type: req.headers['content-type'] ?? null, body: body ? JSON.parse(body) : null }));
    });
  });
  echo.on('connection', () => connections++);
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(async () => {
  echo.closeAllConnections();
  await new Promise((r) => echo.close(r));
  silent.closeAllConnections();
  await new Promise((r) => silent.close(r));
});

describe('MailboxClient failures', () => {
  it('says a request the mailstore never answered timed out, naming the request and the wait', async () => {
    const err = await new MailboxClient(silentUrl, 200).summary('a1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toBe(`Mailstore at ${silentUrl} did not answer GET /api/mailboxes/a1 within 200 ms`);
    expect((err as { connection?: boolean }).connection).toBe(true);
  });

  it('says a refused connection is unavailable', async () => {
    const err = await new MailboxClient(closedUrl, 2000).summary('a1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(/^Mailstore at http:\/\/127\.0\.0\.1:\d+ does not answer: /);
    expect((err as { connection?: boolean }).connection).toBe(true);
  });
});

describe('MailboxClient requests', () => {
  it('sends the JSON body, parses the answer and reuses one connection for sequential requests', async () => {
    const api = new MailboxClient(echoUrl, 2000);
    const before = connections;
    for (let i = 0; i < 20; i++) {
      const r = (await api.moveItems('a1', [i, i + 1], 5)) as unknown as { method: string; url: string; type: string; body: unknown };
      expect(r).toEqual({ method: 'POST', url: '/api/mailboxes/a1/items/move', type: 'application/json', body: { ids: [i, i + 1], folderId: 5 } });
    }
    const got = (await api.summary('a b')) as unknown as { method: string; url: string; body: unknown };
    expect(got).toMatchObject({ method: 'GET', url: '/api/mailboxes/a%20b', body: null });
    expect(connections - before).toBe(1);
  });

  it('turns an error answer into the error class the node named', async () => {
    const err = await new MailboxClient(echoUrl, 2000).summary('nobody').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toBe('No account with id nobody');
  });
});

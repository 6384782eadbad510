import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError, UnavailableError } from '../errors';
import { MailboxClient } from './api-client';

// A mailstore that accepts requests and never answers them (overloaded), and a port nobody listens on.
let silent: http.Server;
let silentUrl: string;
let closedUrl: string;

beforeAll(async () => {
  silent = http.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((r) => probe.close(r));
});
afterAll(async () => {
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

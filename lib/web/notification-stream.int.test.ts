import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { ensureAdminUser } from '../auth/admin-users';
import { login } from '../auth/login';
import { endSession } from '../auth/sessions';
import { createPool, type Pool } from '../db/pool';
import { createNotification } from '../ha/notifications';
import { silentLogger } from '../log/logger';
import { notificationStream } from './event-stream';
import { NotificationFeed } from './notification-feed';

let env: TestEnv;
let pool: Pool;

beforeAll(async () => {
  env = await createTestEnv('con_stream');
  pool = createPool(env.haDbUrl, { connectionLimit: 2 });
  await ensureAdminUser(env.prisma, { email: 'admin@example.com', password: 'stream-password' });
});
afterAll(async () => {
  await pool?.end();
  await env?.cleanup();
});

/** Reads SSE events from a response body until `until` is satisfied or the time runs out. */
async function readEvents(res: Response, until: (events: { event: string; id?: string; data: unknown }[]) => boolean, timeoutMs = 8000) {
  const reader = res.body!.getReader();
  const events: { event: string; id?: string; data: unknown }[] = [];
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  while (!until(events) && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk) break;
    if (chunk.done) {
      ended = true;
      break;
    }
    buf += new TextDecoder().decode(chunk.value);
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const fields = Object.fromEntries(frame.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
      if (fields.event) events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data) });
    }
  }
  reader.releaseLock();
  return { events, ended };
}

describe('notification stream (SSE) over the real HA database', () => {
  it('sends the unread count at once, then each new notification with its id', async () => {
    const feed = new NotificationFeed(env.prisma, silentLogger, 200);
    const { token } = await login(env.prisma, { email: 'admin@example.com', password: 'stream-password' }, '10.9.0.1');
    const abort = new AbortController();
    const res = notificationStream({ feed, prisma: env.prisma, token, signal: abort.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const first = await readEvents(res, (e) => e.some((x) => x.event === 'unread'));
    expect(first.events[0]).toEqual({ event: 'unread', id: undefined, data: { unread: 0 } });

    await createNotification(pool, { kind: 'replica-initialised', title: 'Replica ready', body: 'a@b.c on mbox2', operationId: null });
    const afterNotification = (e: { event: string }[]) => e.findIndex((x) => x.event === 'notification') >= 0 && e.slice(e.findIndex((x) => x.event === 'notification')).some((x) => x.event === 'unread');
    const next = await readEvents(res, afterNotification);
    const at = next.events.findIndex((x) => x.event === 'notification');
    const n = next.events[at];
    expect(n.data).toMatchObject({ title: 'Replica ready', body: 'a@b.c on mbox2', readAt: null });
    expect(Number(n.id)).toBe((n.data as { id: number }).id);
    expect(next.events.slice(at).find((x) => x.event === 'unread')?.data).toEqual({ unread: 1 });
    abort.abort();
    feed.stop();
  });

  it('replays what a reconnecting browser missed (Last-Event-ID)', async () => {
    const feed = new NotificationFeed(env.prisma, silentLogger, 200);
    const { token } = await login(env.prisma, { email: 'admin@example.com', password: 'stream-password' }, '10.9.0.2');
    const last = await env.prisma.notification.findFirst({ orderBy: { id: 'desc' } });
    await createNotification(pool, { kind: 'promotion-completed', title: 'Missed while offline', body: 'x', operationId: null });
    const abort = new AbortController();
    const res = notificationStream({ feed, prisma: env.prisma, token, signal: abort.signal, lastEventId: Number(last!.id) });
    const got = await readEvents(res, (e) => e.some((x) => x.event === 'notification'));
    expect(got.events.filter((x) => x.event === 'notification').map((x) => (x.data as { title: string }).title)).toEqual(['Missed while offline']);
    abort.abort();
    feed.stop();
  });

  it('ends the stream when the session is ended (sign-out elsewhere)', async () => {
    const feed = new NotificationFeed(env.prisma, silentLogger, 200);
    const { token } = await login(env.prisma, { email: 'admin@example.com', password: 'stream-password' }, '10.9.0.3');
    const res = notificationStream({ feed, prisma: env.prisma, token, signal: new AbortController().signal, sessionCheckMs: 200 });
    await readEvents(res, (e) => e.length > 0);
    await endSession(env.prisma, token);
    const rest = await readEvents(res, (e) => e.some((x) => x.event === 'session-ended'));
    expect(rest.events.map((e) => e.event)).toContain('session-ended');
    const after = await readEvents(res, () => false, 1500);
    expect(after.ended).toBe(true);
    feed.stop();
  });
});

import { z } from 'zod';
import { resolveSession } from '../auth/sessions';
import type { HaPrisma } from '../db/prisma';
import type { NotificationFeed } from './notification-feed';

const encoder = new TextEncoder();

export function sseMessage(event: string, data: unknown, id?: number): Uint8Array {
  return encoder.encode(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * The Server-Sent Events response of GET /api/notifications/stream: the unread count at once,
 * then every new notification as it is read from the database (each with its id, so that a
 * browser reconnecting after a drop sends Last-Event-ID and gets what it missed); a keep-alive comment every
 * 15 s; and a check of the session every 30 s, so that signing out ends the stream too.
 */
export function notificationStream(opts: { feed: NotificationFeed; prisma: HaPrisma; token: string; signal: AbortSignal; lastEventId?: number; keepAliveMs?: number; sessionCheckMs?: number }): Response {
  let cleanup = () => undefined as void;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (bytes: Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(bytes);
        } catch {
          close();
        }
      };
      let lastSent = opts.lastEventId ?? 0;
      const unsubscribe = opts.feed.subscribe((e) => {
        for (const n of e.notifications) {
          if (n.id <= lastSent) continue;
          lastSent = n.id;
          send(sseMessage('notification', n, n.id));
        }
        send(sseMessage('unread', { unread: e.unread }));
      });
      const keepAlive = setInterval(() => send(encoder.encode(': keep-alive\n\n')), opts.keepAliveMs ?? 15_000);
      const sessionCheck = setInterval(() => {
        void resolveSession(opts.prisma, opts.token).then((s) => {
          if (!s) {
            send(sseMessage('session-ended', {}));
            close();
          }
        }).catch(() => undefined);
      }, opts.sessionCheckMs ?? 30_000);
      function close() {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(keepAlive);
        clearInterval(sessionCheck);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
      cleanup = close;
      opts.signal.addEventListener('abort', close);
      send(encoder.encode('retry: 3000\n\n'));
      if (opts.lastEventId !== undefined) {
        for (const n of await opts.feed.since(opts.lastEventId).catch(() => [])) {
          if (n.id <= lastSent) continue;
          lastSent = n.id;
          send(sseMessage('notification', n, n.id));
        }
      }
      send(sseMessage('unread', { unread: await opts.feed.unreadCount().catch(() => 0) }));
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}

/** The stream takes no query parameters. */
export const StreamQuery = z.object({}).strict();

/** A reconnecting EventSource's Last-Event-ID (the last notification id it got), when valid. */
export function lastEventIdOf(request: Request): number | undefined {
  const raw = request.headers.get('last-event-id');
  if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

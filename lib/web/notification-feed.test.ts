import { describe, expect, it } from 'vitest';
import type { HaPrisma } from '../db/prisma';
import { silentLogger } from '../log/logger';
import { type FeedEvent, NotificationFeed } from './notification-feed';

interface Row { id: bigint; kind: string; title: string; body: string; operationId: null; createdAt: Date; readAt: Date | null }

/**
 * A table whose reads each see it at one moment: findMany when it answers (after a delay),
 * count when it is asked. A row committed while findMany runs is what made the two disagree.
 */
function fakeTable() {
  const rows: Row[] = [];
  let onFindMany: (() => void) | undefined;
  const add = (title: string) => rows.push({ id: BigInt(rows.length + 1), kind: 'k', title, body: '', operationId: null, createdAt: new Date(), readAt: null });
  const prisma = {
    notification: {
      findFirst: async () => (rows.length ? { id: rows[rows.length - 1].id } : null),
      findMany: async ({ where }: { where: { id: { gt: bigint } } }) => {
        await new Promise((r) => setTimeout(r, 5));
        onFindMany?.();
        onFindMany = undefined;
        return rows.filter((r) => r.id > where.id.gt);
      },
      count: async () => rows.filter((r) => r.readAt === null).length,
    },
  } as unknown as HaPrisma;
  return { prisma, add, commitDuringNextRead: (title: string) => (onFindMany = () => add(title)) };
}

describe('NotificationFeed', () => {
  it('never sends a notification with an unread count that misses it', async () => {
    const table = fakeTable();
    const feed = new NotificationFeed(table.prisma, silentLogger, 10);
    const events: FeedEvent[] = [];
    const unsubscribe = feed.subscribe((e) => events.push(e));
    await new Promise((r) => setTimeout(r, 30));
    table.commitDuringNextRead('Replica ready');
    const deadline = Date.now() + 2000;
    while (!events.some((e) => e.notifications.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    unsubscribe();
    feed.stop();
    const withNews = events.find((e) => e.notifications.length);
    expect(withNews?.notifications.map((n) => n.title)).toEqual(['Replica ready']);
    expect(withNews?.unread).toBe(1);
  });

  it('sends the count alone when it changes without news, and nothing when nothing changed', async () => {
    const table = fakeTable();
    table.add('old');
    const feed = new NotificationFeed(table.prisma, silentLogger, 10);
    const events: FeedEvent[] = [];
    const unsubscribe = feed.subscribe((e) => events.push(e));
    await new Promise((r) => setTimeout(r, 80));
    unsubscribe();
    feed.stop();
    // The first poll starts after the newest row, so "old" is not news; its count is sent once.
    expect(events).toEqual([{ notifications: [], unread: 1 }]);
  });
});

import type { HaPrisma } from '../db/prisma';
import type { Logger } from '../log/logger';
import type { NotificationView } from '../schemas/views';

export interface FeedEvent {
  notifications: NotificationView[];
  unread: number;
}
type Listener = (e: FeedEvent) => void;

export function toNotificationView(r: { id: bigint | number; kind: string; title: string; body: string; operationId: string | null; createdAt: Date; readAt: Date | null }): NotificationView {
  return { id: Number(r.id), kind: r.kind, title: r.title, body: r.body, operationId: r.operationId, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null };
}

/**
 * One poller per console process, whatever the number of open browser tabs: while anyone
 * listens, it reads notifications newer than the last one seen (and the unread count) every
 * `intervalMs` and fans them out. Notifications are written by whichever process ends the
 * operation (a node, the CLI, another console), so the database is the one source.
 */
export class NotificationFeed {
  private listeners = new Set<Listener>();
  private timer?: NodeJS.Timeout;
  private lastId: bigint | undefined;
  private lastUnread = -1;
  private failures = 0;

  constructor(private readonly prisma: HaPrisma, private readonly log: Logger, private readonly intervalMs = 1500) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      // After an idle spell, start from the newest row again: what arrived while nobody
      // listened is not news to a tab that opens now (it sees it in the list and the count).
      this.lastId = undefined;
      this.schedule(0);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  async unreadCount(): Promise<number> {
    return this.prisma.notification.count({ where: { readAt: null } });
  }

  /** Notifications after `id` (a reconnecting client's Last-Event-ID), oldest first, at most 50. */
  async since(id: number): Promise<NotificationView[]> {
    const rows = await this.prisma.notification.findMany({ where: { id: { gt: BigInt(id) } }, orderBy: { id: 'asc' }, take: 50 });
    return rows.map(toNotificationView);
  }

  private schedule(ms: number) {
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll() {
    try {
      if (this.lastId === undefined) {
        const newest = await this.prisma.notification.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
        this.lastId = newest?.id ?? BigInt(0);
      }
      // The count is read after the rows, never beside them: run together, a notification
      // committed between the two reads came out as news with a count that missed it.
      const rows = await this.prisma.notification.findMany({ where: { id: { gt: this.lastId } }, orderBy: { id: 'asc' }, take: 50 });
      const unread = await this.unreadCount();
      if (rows.length) this.lastId = rows[rows.length - 1].id;
      if (rows.length || unread !== this.lastUnread) {
        this.lastUnread = unread;
        const event = { notifications: rows.map(toNotificationView), unread };
        for (const l of this.listeners) l(event);
      }
      this.failures = 0;
    } catch (err) {
      this.failures++;
      this.log.warn({ err: String(err), failures: this.failures }, 'notification feed poll failed');
    }
    if (this.listeners.size === 0) {
      this.timer = undefined;
      return;
    }
    // Back off with jitter while the database does not answer.
    const backoff = this.failures ? Math.min(30_000, this.intervalMs * 2 ** this.failures) : this.intervalMs;
    this.schedule(backoff * (0.8 + Math.random() * 0.4));
  }

  stop() {
    this.listeners.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

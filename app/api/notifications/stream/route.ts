import { readCookie } from '@/lib/auth/cookie';
import { apiRoute } from '@/lib/web/api-route';
import { consoleContext, notificationFeed } from '@/lib/web/console-context';
import { lastEventIdOf, notificationStream, StreamQuery } from '@/lib/web/event-stream';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ access: 'global', query: StreamQuery }, async ({ request }) =>
  notificationStream({
    feed: notificationFeed(), prisma: consoleContext().prisma, token: readCookie(request.headers.get('cookie'))!, signal: request.signal,
    lastEventId: lastEventIdOf(request),
  }));

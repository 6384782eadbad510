import { haDbUrl } from '../config/targets';
import { createHaContext, type HaContextHandle } from '../ha/context';
import { createLogger } from '../log/logger';
import { NotificationFeed } from './notification-feed';

const KEY = Symbol.for('carbonio.console.haContext');
type Holder = { [KEY]?: HaContextHandle };

/**
 * The console process's one HaContext (database pools, Kafka handles, logger), created on
 * first use and kept on globalThis so that every route bundle of the Next.js server shares
 * it. Requests derive their own copy with their actor (HaContextHandle.withActor).
 */
export function consoleContext(): HaContextHandle {
  const g = globalThis as Holder;
  g[KEY] ??= createHaContext({
    haDbUrl: haDbUrl(),
    actor: { email: 'console', role: 'global_admin', origin: 'system' },
    log: createLogger('console'),
    poolSize: 8,
  });
  return g[KEY];
}

/** For tests: run the console's glue against a context of their own. */
export function setConsoleContext(ctx: HaContextHandle | undefined) {
  (globalThis as Holder)[KEY] = ctx;
}

const FEED = Symbol.for('carbonio.console.notificationFeed');
type FeedHolder = { [FEED]?: NotificationFeed };

/** The process's one notification poller, shared by every open event stream. */
export function notificationFeed(): NotificationFeed {
  const g = globalThis as FeedHolder;
  const ctx = consoleContext();
  g[FEED] ??= new NotificationFeed(ctx.prisma, ctx.log);
  return g[FEED];
}

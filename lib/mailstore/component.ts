import type { ComponentFactory } from '../node/node';
import { primaryBlobDir } from '../node/config';
import { outboxSize } from '../replication/outbox';
import { PublishingSync } from '../replication/publishing-sync';
import { OutboxRelay } from '../replication/relay';
import { BlobStore } from './blob-store';
import { registerMailboxRoutes } from './routes';
import { MailboxService } from './service';

/**
 * The source side of a mailstore node: the mailbox service (HTTP routes), the sync of local
 * mailboxes with the topology, and the publisher relay (part of the HA module).
 */
export const mailboxComponents: ComponentFactory = (ctx) => {
  const { db, relayDb, haDb, config, topology } = ctx;
  const relay = new OutboxRelay({
    db: relayDb, haDb, host: config.host, log: ctx.log.child({ component: 'publisher-relay' }), kafka: ctx.kafka, topology, publishTimeoutMs: config.publishTimeoutMs,
  });
  const service = new MailboxService({ db, haDb, host: config.host, topology, relay, log: ctx.log });
  registerMailboxRoutes(ctx.router, service, new BlobStore(primaryBlobDir(config)));
  ctx.router.add('GET', '/api/relay', async () => ({ running: relay.isRunning, outbox: await outboxSize(db), waiting: relay.pendingWaiters(), ...relay.stats }));
  const sync = new PublishingSync({ db, haDb, host: config.host, log: ctx.log.child({ component: 'publishing-sync' }), topology });
  return [sync, relay];
};

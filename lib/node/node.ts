import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPool, type Pool } from '../db/pool';
import { createHaPrisma, type HaPrisma } from '../db/prisma';
import { migrateDatabase } from '../db/migrate';
import type { Logger } from '../log/logger';
import type { NodeComponent } from './component';
import { NodeConfigSchema, type NodeConfig, type NodeConfigInput } from './config';
import { HttpRouter } from './http-router';
import { KafkaLink } from './kafka-link';
import { ModuleControl, registerModuleRoutes } from './module-control';
import { Registration } from './registration';
import { Topology } from './topology';

/** What the node's components share. */
export interface NodeContext {
  config: NodeConfig;
  log: Logger;
  /** This mailstore's own database (mailboxes, outbox, replica positions). */
  db: Pool;
  /**
   * A few connections to the same database for the publisher relay alone: writers wait for the
   * relay, so its reads must never queue behind theirs (under load they waited seconds).
   */
  relayDb: Pool;
  /** The HA database, through the `mariadb` driver (status writes, hot reads). */
  haDb: Pool;
  /** The HA database through Prisma (everything else). */
  prisma: HaPrisma;
  kafka: KafkaLink;
  /** Accounts hosted here and replicas held here, kept current from the HA database. */
  topology: Topology;
  router: HttpRouter;
  /** The HA module (publisher, agent, snapshots) can be stopped and started at run time. */
  module: { running: boolean };
}

export type ComponentFactory = (ctx: NodeContext) => NodeComponent[];

/**
 * One mailstore node: the mailbox service plus the HA module (publisher relay, agent, snapshot
 * taker, status reporter, operation worker). Components come from `factories`, so tests can
 * start a node with only the parts they exercise.
 */
export class MailstoreNode {
  readonly config: NodeConfig;
  private ctx?: NodeContext;
  private server?: http.Server;
  private components: NodeComponent[] = [];
  private registration?: Registration;

  constructor(input: NodeConfigInput, private readonly log: Logger, private readonly factories: ComponentFactory[]) {
    this.config = NodeConfigSchema.parse(input);
  }

  get apiUrl(): string {
    if (this.config.apiUrl) return this.config.apiUrl;
    const port = (this.server?.address() as AddressInfo | null)?.port ?? this.config.port;
    return `http://${this.config.listenHost}:${port}`;
  }

  context(): NodeContext {
    if (!this.ctx) throw new Error('node not started');
    return this.ctx;
  }

  async start() {
    const c = this.config;
    await migrateDatabase(c.mailstoreDbUrl, 'mailstore');
    const router = new HttpRouter(this.log);
    const prisma = createHaPrisma(c.haDbUrl, 4);
    const haDb = createPool(c.haDbUrl, { connectionLimit: 6 });
    const ctx: NodeContext = {
      config: c,
      log: this.log,
      // The write path sends several statements at once (queryAll).
      db: createPool(c.mailstoreDbUrl, { connectionLimit: 16, multipleStatements: true }),
      relayDb: createPool(c.mailstoreDbUrl, { connectionLimit: 3, multipleStatements: true }),
      haDb,
      prisma,
      kafka: new KafkaLink(prisma, this.log, { publishTimeoutMs: c.publishTimeoutMs, clientId: `carbonio-ha-node.${c.host}`, partitions: Number(process.env.CARBONIO_TOPIC_PARTITIONS ?? 12) }),
      topology: new Topology(haDb, c.host, this.log, c.topologyPollMs),
      router,
      module: { running: c.moduleEnabled },
    };
    this.ctx = ctx;
    router.add('GET', '/health', async () => ({ host: c.host, ok: true, module: ctx.module.running, kafka: ctx.kafka.reachable }));
    this.server = http.createServer((req, res) => void router.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(c.port, c.listenHost, () => resolve());
    });
    await ctx.topology.start();
    await ctx.kafka.start();
    this.components = this.factories.flatMap((f) => f(ctx));
    for (const comp of this.components) {
      if (comp.haModule && !ctx.module.running) continue; // HA module off at boot: started later by doStartService
      await comp.start();
      this.log.debug({ component: comp.name }, 'started');
    }
    registerModuleRoutes(router, new ModuleControl(c.host, () => this.components, ctx.module, this.log, async () => this.registration?.beat()));
    const agentAlive = () => ctx.module.running && this.components.some((x) => x.name === 'agent');
    this.registration = new Registration(prisma, c, () => this.apiUrl, {
      agentAlive,
      kafkaReachable: () => ctx.kafka.reachable,
      moduleRunning: () => ctx.module.running,
    }, this.log);
    await this.registration.start();
    this.log.info({ host: c.host, api: this.apiUrl }, 'mailstore node started');
  }

  async stop() {
    const ctx = this.ctx;
    if (!ctx) return;
    await this.registration?.stop();
    for (const comp of [...this.components].reverse()) {
      if (comp.haModule && !ctx.module.running) continue;
      await comp.stop().catch((err) => this.log.warn({ err, component: comp.name }, 'stop failed'));
    }
    await ctx.kafka.stop();
    await ctx.topology.stop();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await ctx.db.end().catch(() => undefined);
    await ctx.relayDb.end().catch(() => undefined);
    await ctx.haDb.end().catch(() => undefined);
    await ctx.prisma.$disconnect().catch(() => undefined);
    this.ctx = undefined;
    this.log.info({ host: this.config.host }, 'mailstore node stopped');
  }
}

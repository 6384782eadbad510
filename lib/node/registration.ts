import type { HaPrisma } from '../db/prisma';
import type { Logger } from '../log/logger';
import type { NodeComponent } from './component';
import type { NodeConfig } from './config';

export interface HeartbeatState {
  agentAlive(): boolean;
  kafkaReachable(): boolean;
  moduleRunning(): boolean;
}

/** Registers the node and its volumes in the HA database, then reports a heartbeat. */
export class Registration implements NodeComponent {
  readonly name = 'registration';
  private timer?: NodeJS.Timeout;

  constructor(private readonly prisma: HaPrisma, private readonly config: NodeConfig, private readonly apiUrl: () => string, private readonly state: HeartbeatState, private readonly log: Logger) {}

  async start() {
    const c = this.config;
    await this.prisma.$transaction(async (tx) => {
      await tx.mailstoreServer.upsert({
        where: { host: c.host },
        create: { host: c.host, apiUrl: this.apiUrl(), heartbeatAt: new Date(), nodeVersion: process.version },
        update: { apiUrl: this.apiUrl(), heartbeatAt: new Date(), nodeVersion: process.version },
      });
      for (const v of c.volumes) {
        await tx.volume.upsert({
          where: { serverHost_name: { serverHost: c.host, name: v.name } },
          create: { serverHost: c.host, name: v.name, kind: v.kind, path: v.path, centralized: v.centralized },
          update: { kind: v.kind, path: v.path, centralized: v.centralized },
        });
      }
    }, { maxWait: 15_000, timeout: 30_000 }); // a loaded machine must not fail a node's start
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch((err) => this.log.warn({ err: String(err) }, 'heartbeat failed')), c.heartbeatIntervalMs);
  }

  async beat() {
    await this.prisma.mailstoreServer.update({
      where: { host: this.config.host },
      data: {
        heartbeatAt: new Date(),
        agentAlive: this.state.agentAlive(),
        kafkaReachable: this.state.kafkaReachable(),
        moduleRunning: this.state.moduleRunning(),
      },
    });
  }

  async stop() {
    clearInterval(this.timer);
    await this.prisma.mailstoreServer
      .update({ where: { host: this.config.host }, data: { agentAlive: false, moduleRunning: false } })
      .catch(() => undefined);
  }
}

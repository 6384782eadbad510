import { z } from 'zod';
import { UnavailableError, ValidationError } from '../errors';
import type { Logger } from '../log/logger';
import type { NodeComponent } from './component';
import type { HttpRouter } from './http-router';

/** What GET /api/services and the module actions answer. */
export interface ModuleStatus {
  host: string;
  service: 'module';
  running: boolean;
  /** The HA components of this node, in start order. */
  components: string[];
}

const ActionParam = z.enum(['start', 'stop', 'restart'], { error: 'action must be start, stop or restart' });

/**
 * Starts and stops the node's HA module at run time (`carbonio ha doStopService module`): the
 * components whose `haModule` is true (publisher relay, agent, snapshotter, status reporter).
 * The mailbox service keeps running. Components are stopped in reverse start order and started
 * again on the same instances, so they must support start() after stop(). Actions are
 * serialized: a restart never interleaves with a stop.
 */
export class ModuleControl {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly host: string,
    private readonly components: () => NodeComponent[],
    private readonly state: { running: boolean },
    private readonly log: Logger,
    /** Called after every change (the node refreshes its heartbeat so getServices sees it at once). */
    private readonly onChange: () => Promise<void> = async () => undefined,
  ) {}

  status(): ModuleStatus {
    return { host: this.host, service: 'module', running: this.state.running, components: this.haComponents().map((c) => c.name) };
  }

  start(): Promise<ModuleStatus> {
    return this.serialized(() => this.doStart());
  }

  stop(): Promise<ModuleStatus> {
    return this.serialized(() => this.doStop());
  }

  restart(): Promise<ModuleStatus> {
    return this.serialized(async () => {
      await this.doStop();
      return this.doStart();
    });
  }

  private haComponents() {
    return this.components().filter((c) => c.haModule);
  }

  private serialized(fn: () => Promise<ModuleStatus>): Promise<ModuleStatus> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doStart(): Promise<ModuleStatus> {
    if (this.state.running) return this.status();
    const started: NodeComponent[] = [];
    for (const comp of this.haComponents()) {
      try {
        await comp.start();
        started.push(comp);
      } catch (err) {
        this.log.error({ err, component: comp.name }, 'HA module component failed to start; stopping the module again');
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
        throw new UnavailableError(`The HA module of ${this.host} could not start: ${comp.name} failed (${(err as Error).message}). It stays stopped; check the node log and retry.`, err);
      }
    }
    this.state.running = true;
    this.log.info({ components: started.map((c) => c.name) }, 'HA module started');
    await this.onChange().catch((err) => this.log.warn({ err: String(err) }, 'heartbeat after module start failed'));
    return this.status();
  }

  private async doStop(): Promise<ModuleStatus> {
    if (!this.state.running) return this.status();
    // Mark stopped first so components that check the flag stop taking new work.
    this.state.running = false;
    for (const comp of [...this.haComponents()].reverse()) {
      await comp.stop().catch((err) => this.log.warn({ err, component: comp.name }, 'HA module component did not stop cleanly'));
    }
    this.log.info('HA module stopped');
    await this.onChange().catch((err) => this.log.warn({ err: String(err) }, 'heartbeat after module stop failed'));
    return this.status();
  }
}

/** Node routes: GET /api/services and POST /api/services/module/start|stop|restart. */
export function registerModuleRoutes(router: HttpRouter, control: ModuleControl) {
  router.add('GET', '/api/services', async () => ({ services: [control.status()] }));
  router.add('POST', '/api/services/:service/:action', async (req) => {
    if (req.params.service !== 'module') {
      throw ValidationError.single('service_name', `unknown service "${req.params.service}": the only HA service is "module"`);
    }
    const action = ActionParam.safeParse(req.params.action);
    if (!action.success) throw ValidationError.single('action', action.error.issues[0].message);
    return control[action.data]();
  });
}

import { createPool, type Pool } from '../db/pool';
import { createHaPrisma, type HaPrisma } from '../db/prisma';
import { createLogger, type Logger } from '../log/logger';
import type { Actor } from '../schemas/common';
import { ClusterClient } from './cluster-client';

/**
 * Everything a core command needs: the HA database (Prisma for most things, a `mariadb` pool
 * for the queries that must stay fast at 100,000 accounts), Kafka, the mailstore nodes' APIs,
 * a logger and the actor for the audit log. The console builds one per process and derives a
 * per-request copy with its actor; the CLI builds one per run.
 */
export interface HaContext {
  prisma: HaPrisma;
  db: Pool;
  log: Logger;
  actor: Actor;
  cluster: ClusterClient;
}

export interface HaContextHandle extends HaContext {
  close(): Promise<void>;
  withActor(actor: Actor): HaContext;
}

export function createHaContext(opts: { haDbUrl: string; actor: Actor; log?: Logger; poolSize?: number }): HaContextHandle {
  const prisma = createHaPrisma(opts.haDbUrl, opts.poolSize ?? 5);
  const db = createPool(opts.haDbUrl, { connectionLimit: opts.poolSize ?? 5 });
  const log = opts.log ?? createLogger('ha');
  const cluster = new ClusterClient(prisma, log);
  const base = { prisma, db, log, cluster };
  return {
    ...base,
    actor: opts.actor,
    withActor: (actor) => ({ ...base, actor }),
    close: async () => {
      await cluster.close();
      await prisma.$disconnect();
      await db.end();
    },
  };
}

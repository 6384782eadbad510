import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient } from './generated/ha/client';
import { connectionOptions, parseDbUrl } from './url';

export type HaPrisma = PrismaClient;
export { PrismaClient };

/** The Prisma client of the HA database (everything that is not a hot path). */
export function createHaPrisma(url: string, connectionLimit = 5): HaPrisma {
  const t = parseDbUrl(url);
  const adapter = new PrismaMariaDb({
    ...connectionOptions(t),
    database: t.database,
    connectionLimit,
    acquireTimeout: 10_000,
    connectTimeout: 5_000,
    timezone: 'Z',
  });
  return new PrismaClient({ adapter });
}

import * as mariadb from 'mariadb';
import { ensureAdminUser } from '../../lib/auth/admin-users';
import { createHaPrisma } from '../../lib/db/prisma';
import { DEMO_MAILSTORES } from '../../lib/seed/topology';
import { startStack, type RunningStack } from '../../lib/stack/stack';
import { TEST_DATA_DIR, TEST_KAFKA_PORT } from '../../tests/support/test-stack';

/**
 * The browser tests' own world: databases prefixed `e2e_` (dropped at each start, so every run
 * begins from the same seed), the integration tests' Kafka (reused when running, started
 * otherwise: its data lives under .data/test), the demo's three mailstores on their own ports,
 * and the console built with `next build` and served by `next start`.
 */
export const E2E = {
  prefix: 'e2e_',
  consolePort: Number(process.env.CARBONIO_E2E_CONSOLE_PORT ?? 3210),
  nodePortBase: Number(process.env.CARBONIO_E2E_NODE_PORT ?? 7310),
  dbUrl: process.env.CARBONIO_DB_URL ?? 'mysql://root@127.0.0.1:3306',
  admin: { email: 'admin@example.com', password: 'e2e-admin-password' },
  viewer: { email: 'viewer@customer.tld', password: 'e2e-viewer-password', domains: ['customer.tld'] },
  generatedAccounts: 300,
};

async function dropE2eDatabases(dbUrl: string) {
  const u = new URL(dbUrl);
  const conn = await mariadb.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password) });
  try {
    const rows: { name: string }[] = await conn.query("SELECT SCHEMA_NAME name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'e2e\\_%'");
    for (const r of rows) await conn.query(`DROP DATABASE \`${r.name}\``);
  } finally {
    await conn.end();
  }
}

export async function startE2eStack(opts: { console: boolean; log?: (l: string) => void }): Promise<RunningStack> {
  const log = opts.log ?? ((l: string) => console.log(`[e2e] ${l}`));
  await dropE2eDatabases(E2E.dbUrl);
  const stack = await startStack({
    dataDir: TEST_DATA_DIR,
    dbUrl: E2E.dbUrl,
    dbPrefix: E2E.prefix,
    kafkaPort: TEST_KAFKA_PORT,
    nodes: DEMO_MAILSTORES.map((host, i) => ({ host, port: E2E.nodePortBase + i })),
    console: opts.console ? { port: E2E.consolePort } : undefined,
    generatedAccounts: E2E.generatedAccounts,
    log,
  });
  const prisma = createHaPrisma(stack.haDbUrl, 2);
  try {
    await ensureAdminUser(prisma, E2E.admin);
    await ensureAdminUser(prisma, { ...E2E.viewer, role: 'domain_admin' });
  } finally {
    await prisma.$disconnect();
  }
  log(`stack up: console ${stack.consoleUrl ?? '(not started)'}, HA database ${stack.haDbUrl}`);
  return stack;
}

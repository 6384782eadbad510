// npm run demo: the whole system on this machine, in the foreground. Ctrl-C stops what it started.
// See README.md ("Demo") for the topology and the environment variables it honours.
import path from 'node:path';
import { rmSync } from 'node:fs';
import { dataDir } from '../lib/config/paths';
import { runtimeFilePath } from '../lib/config/runtime-file';
import { HaError } from '../lib/errors';
import { DEMO_MAILSTORES } from '../lib/seed/topology';
import { seedDemo, type DemoSeedResult } from '../lib/seed/seed-demo';
import { startStack, type RunningStack } from '../lib/stack/stack';

const say = (line: string) => console.log(`[demo] ${line}`);
const t0 = Date.now();
const dir = dataDir();
const consolePort = Number(process.env.CARBONIO_CONSOLE_PORT ?? 3000);

// A closed terminal or pipe must not kill the shutdown half-way (EPIPE on the next line printed).
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

let stop: ((signal: string) => Promise<void>) | undefined;
let stopRequested: string | undefined;
// Installed before anything starts: a Ctrl-C during start-up or seeding is remembered and honoured
// as soon as that step returns, instead of ending this process and leaving Kafka, the database
// and the console running.
const onSignal = (signal: string) => {
  if (stop) return void stop(signal);
  if (!stopRequested) say(`${signal}: stopping everything as soon as the start-up under way returns...`);
  stopRequested ??= signal;
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

let started: RunningStack | undefined;
try {
  const stack = await startStack({
    dataDir: dir,
    dbUrl: process.env.CARBONIO_DB_URL,
    dbPort: Number(process.env.CARBONIO_PRIVATE_DB_PORT ?? 3307),
    dbPrefix: process.env.CARBONIO_DB_PREFIX ?? '',
    kafkaPort: Number(process.env.CARBONIO_KAFKA_PORT ?? 9092),
    nodes: DEMO_MAILSTORES.map((host, i) => ({ host, port: Number(process.env.CARBONIO_NODE_BASE_PORT ?? 7101) + i })),
    console: { port: consolePort },
    generatedAccounts: Number(process.env.CARBONIO_DEMO_ACCOUNTS ?? 5000),
    log: say,
  });
  started = stack;
  let stopping = false;
  const shutdown = async (signal: string, demo?: DemoSeedResult) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping everything the demo started...`);
    await demo?.stopTraffic();
    await stack.stop();
    rmSync(runtimeFilePath(dir), { force: true });
    say('stopped');
    process.exit(0);
  };
  if (stopRequested) await shutdown(stopRequested);
  const demo = await seedDemo(stack, { log: say, trafficRate: Number(process.env.CARBONIO_DEMO_TRAFFIC ?? 5) });
  stop = (signal) => shutdown(signal, demo);
  if (stopRequested) await stop(stopRequested);
  console.log(`
  Carbonio HA demo is up (${((Date.now() - t0) / 1000).toFixed(0)} s).

    Console     ${stack.consoleUrl}
    Sign in as  ${demo.admin.email}
    Password    ${demo.admin.password}${demo.admin.generated ? '   (generated; set CARBONIO_ADMIN_PASSWORD to choose one)' : ''}
    Health      ${stack.consoleUrl}/api/health
    Kafka       ${stack.brokers.join(',')}
    Mailstores  ${stack.nodes.map((n) => `${n.host} ${n.apiUrl}`).join('\n                ')}
    CLI         npx carbonio ha getAccountStatus
    Logs        ${path.join(dir, 'logs')}

  Ctrl-C stops everything the demo started.
`);
} catch (err) {
  console.error(`[demo] failed: ${err instanceof HaError ? err.message : (err as Error).stack}`);
  // What start-up brought up is stopped (startStack stops its own parts when it fails itself).
  if (started) {
    say('stopping everything the demo started...');
    await started.stop().catch(() => undefined);
    rmSync(runtimeFilePath(dir), { force: true });
  }
  process.exit(1);
}

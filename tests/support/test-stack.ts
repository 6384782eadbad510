import path from 'node:path';
import { createPool } from '../../lib/db/pool';
import { projectRoot } from '../../lib/config/paths';
import { checkDbServer, startPrivateMariaDb, stopPrivateMariaDb } from '../../lib/stack/mariadb-server';
import { kafkaStatus, startKafka, stopKafka, type KafkaClusterOptions } from '../../lib/stack/kafka-cluster';
import { otherTestRunsAlive } from './other-test-runs';

/** Where the test stack keeps its files: apart from the demo's .data/. */
export const TEST_DATA_DIR = path.join(projectRoot(), '.data', 'test');
export const TEST_KAFKA_PORT = Number(process.env.CARBONIO_TEST_KAFKA_PORT ?? 19092);
export const TEST_DB_PORT = Number(process.env.CARBONIO_TEST_DB_PORT ?? 13306);

export function testKafkaOptions(brokers: 1 | 3 = 1, basePort = TEST_KAFKA_PORT): KafkaClusterOptions {
  return {
    dir: path.join(TEST_DATA_DIR, 'kafka', brokers === 3 ? 'triple' : 'single'),
    libDir: path.join(projectRoot(), '.data', 'kafka', 'libs'),
    brokers,
    basePort,
    heapMb: 384,
    log: (l) => console.log(`[test-stack] ${l}`),
  };
}

export const testDbOptions = () => ({ dir: path.join(TEST_DATA_DIR, 'mariadb'), port: TEST_DB_PORT, log: (l: string) => console.log(`[test-stack] ${l}`) });

/**
 * A stock server allows 151 connections; the fault tests run several nodes, each with its pools,
 * next to the test's own. Raise the limit when the test user may (never lower it); else go on.
 */
async function raiseConnectionLimit(dbUrl: string, wanted = 600) {
  const pool = createPool(dbUrl, { connectionLimit: 1 });
  try {
    const [row] = await pool.query<{ m: number }[]>('SELECT @@max_connections AS m');
    if (Number(row.m) < wanted) {
      await pool.query(`SET GLOBAL max_connections = ${wanted}`);
      console.log(`[test-stack] MariaDB max_connections raised from ${row.m} to ${wanted}`);
    }
  } catch (err) {
    console.log(`[test-stack] MariaDB max_connections left as is: ${(err as Error).message}`);
  } finally {
    await pool.end();
  }
}

/** Starts what is not running; returns what to stop afterwards. */
export async function startTestStack(): Promise<{ dbUrl: string; brokers: string[]; stop: () => Promise<void> }> {
  const toStop: (() => Promise<void>)[] = [];
  let dbUrl = process.env.CARBONIO_DB_URL;
  if (dbUrl) {
    await checkDbServer(dbUrl);
    await raiseConnectionLimit(dbUrl);
  } else {
    dbUrl = await startPrivateMariaDb(testDbOptions());
    toStop.push(() => stopPrivateMariaDb(testDbOptions()));
  }
  const k = testKafkaOptions();
  const wasRunning = (await kafkaStatus(k)).running;
  const { brokers } = await startKafka(k);
  if (!wasRunning) {
    toStop.push(async () => {
      if (otherTestRunsAlive()) console.log('[test-stack] other test runs use the test Kafka: leaving it running');
      else await stopKafka(k);
    });
  }
  return { dbUrl, brokers, stop: async () => { for (const s of toStop.reverse()) await s(); } };
}

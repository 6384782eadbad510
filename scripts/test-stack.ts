// npx tsx scripts/test-stack.ts start|stop
// Keeps the integration tests' Kafka (and private MariaDB, without CARBONIO_DB_URL) running
// between test runs; the tests reuse a running stack and leave it running.
import { checkDbServer, startPrivateMariaDb, stopPrivateMariaDb } from '../lib/stack/mariadb-server';
import { startKafka, stopKafka } from '../lib/stack/kafka-cluster';
import { testDbOptions, testKafkaOptions } from '../tests/support/test-stack';

const cmd = process.argv[2];
if (cmd === 'start') {
  const { brokers } = await startKafka(testKafkaOptions());
  const dbUrl = process.env.CARBONIO_DB_URL ?? (await startPrivateMariaDb(testDbOptions()));
  if (process.env.CARBONIO_DB_URL) await checkDbServer(dbUrl);
  console.log(`test stack up: Kafka ${brokers.join(',')}, MariaDB ${dbUrl}`);
} else if (cmd === 'stop') {
  await stopKafka(testKafkaOptions());
  if (!process.env.CARBONIO_DB_URL) await stopPrivateMariaDb(testDbOptions());
  console.log('test stack stopped');
} else {
  console.error('usage: scripts/test-stack.ts start|stop');
  process.exit(2);
}

import { startTestStack } from './support/test-stack';

// Starts the real Kafka broker and MariaDB for the integration tests (unless already running)
// and hands their addresses to the test workers through the environment.
export default async function setup() {
  const t0 = Date.now();
  const stack = await startTestStack();
  process.env.CARBONIO_TEST_DB_URL = stack.dbUrl;
  process.env.CARBONIO_TEST_BROKERS = stack.brokers.join(',');
  console.log(`[test-stack] Kafka ${stack.brokers.join(',')} and MariaDB ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return async () => {
    await stack.stop();
  };
}

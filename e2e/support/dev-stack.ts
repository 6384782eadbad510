// npx tsx e2e/support/dev-stack.ts: the e2e stack without the console, for `next dev` against it
// (CARBONIO_DB_URL=mysql://root@127.0.0.1:3306 CARBONIO_DB_PREFIX=e2e_ npx next dev -p 3211).
// Runs in the foreground; SIGINT/SIGTERM stop what it started.
import { startE2eStack } from './e2e-stack';

const stack = await startE2eStack({ console: false });
const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

import { afterEach } from 'vitest';
import { takeRecentLogs } from './recent-logs';

// Setup file of the integration project: a failed test prints its nodes' last log lines (the
// test file's earlier tests and hooks included: what led to the failure may have started there).
afterEach((ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const recent = takeRecentLogs();
  if (recent.length) console.error(`--- last ${recent.length} log lines of the test's nodes (${ctx.task.name}) ---\n${recent.join('\n')}\n--- end of node logs ---`);
});

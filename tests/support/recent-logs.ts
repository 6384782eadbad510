import { Writable } from 'node:stream';

const LIMIT = 400;
const lines: string[] = [];

/**
 * The last log lines of the test's in-process nodes, kept in memory so that a failing
 * integration test can print what the nodes were doing (tests/support/logs-on-failure.ts)
 * while passing tests stay quiet. CARBONIO_TEST_LOG still prints everything live instead.
 */
export const recentLogStream = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(line);
    if (lines.length > LIMIT) lines.splice(0, lines.length - LIMIT);
    done();
  },
});

/** The kept lines, oldest first, and forgets them. */
export function takeRecentLogs(): string[] {
  return lines.splice(0, lines.length);
}

import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../lib/log/logger';

/** A real project logger (same redaction as production) whose output a test can read back. */
export function capturedLogger(name: string, level = 'debug'): { log: Logger; text(): string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger(name, level, sink), text: () => chunks.join('') };
}

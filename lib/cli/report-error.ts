import { exitCodeOf, toHaError } from '../errors';
import type { CliIo } from './io';

/**
 * Prints a failure and returns its exit code (lib/errors/mapping.ts EXIT_CODES). Text: the message,
 * then one line per problem, on stderr. --json: the error
 * object on stdout, so scripts read one document whatever happens.
 */
export async function reportError(io: CliIo, err: unknown, json: boolean): Promise<number> {
  const e = toHaError(err);
  if (json) {
    await io.out(JSON.stringify({ error: { code: e.code, message: e.message, retriable: e.retriable, problems: e.problems } }) + '\n');
  } else {
    // The headline is left out when it only repeats the problems (a joined list of them).
    const repeated = e.problems.length > 0 && e.problems.every((p) => e.message.includes(p.message));
    if (!repeated) await io.err(`error: ${e.message}\n`);
    for (const p of e.problems) await io.err(`error: ${p.message.includes(p.field) ? p.message : `${p.field}: ${p.message}`}\n`);
  }
  if (e.code === 'internal' && process.env.CARBONIO_DEBUG && err instanceof Error) await io.err(`${err.stack}\n`);
  return exitCodeOf(e);
}

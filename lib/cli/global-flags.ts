import { ValidationError } from '../errors';
import type { GlobalFlags } from './spec';

export const GLOBAL_FLAGS = [
  { flag: '--json', description: 'machine-readable output (shapes in docs/cli.md); errors as {"error": {...}}' },
  { flag: '--sync', description: 'commands that start an operation: wait until it ends (progress bar on a terminal, plain lines otherwise); the others always answer when done' },
  { flag: '--timeout SECONDS', description: 'with --sync or monitor: stop waiting after SECONDS (the operation keeps running)' },
  { flag: '--help, -h', description: 'the help of the command (same as the word help)' },
] as const;

/** Removes the global flags (anywhere on the line) and returns them with the remaining words. */
export function extractGlobalFlags(argv: string[]): { flags: GlobalFlags; rest: string[] } {
  const flags: GlobalFlags = { json: false, sync: false, help: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') flags.json = true;
    else if (a === '--sync') flags.sync = true;
    else if (a === '--help' || a === '-h') flags.help = true;
    else if (a === '--timeout' || a.startsWith('--timeout=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) {
        throw ValidationError.single('--timeout', `--timeout needs a whole number of seconds (got ${value === undefined ? 'nothing' : `"${value}"`})`);
      }
      flags.timeoutSeconds = Number(value);
    } else if (/^--?[A-Za-z]/.test(a)) {
      throw ValidationError.single(a, `unknown option "${a}"; the options are --json, --sync, --timeout SECONDS and --help`);
    } else rest.push(a);
  }
  return { flags, rest };
}

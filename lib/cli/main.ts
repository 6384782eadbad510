import { ValidationError } from '../errors';
import { parseArgs } from './arg-types';
import { LazyContext } from './context';
import { extractGlobalFlags } from './global-flags';
import { commandHelp, globalHelp, namespaceHelp } from './help';
import { processIo, type CliIo } from './io';
import { parseParams } from './params';
import { NAMESPACES } from './registry';
import { reportError } from './report-error';
import type { CommandSpec, Namespace } from './spec';

type Resolved = { help: string } | { ns: Namespace; cmd: CommandSpec; words: string[] };

/**
 * `carbonio NAMESPACE COMMAND [name value ...] [--json] [--sync] [--timeout S]`.
 * Returns the exit code: 0, or EXIT_CODES of the error (lib/errors/mapping.ts).
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const context = new LazyContext();
  let json = argv.includes('--json');
  try {
    const { flags, rest } = extractGlobalFlags(argv);
    json = flags.json;
    const target = resolve(rest, flags.help);
    if ('help' in target) {
      await io.out(target.help);
      return 0;
    }
    const args = parseArgs(target.cmd.args, parseParams(target.cmd.params, target.words));
    return await target.cmd.run({ io, flags, context: () => context.get() }, args);
  } catch (err) {
    return reportError(io, err, json);
  } finally {
    await context.close();
  }
}

function resolve(words: string[], helpFlag: boolean): Resolved {
  const [first, second, ...more] = words;
  if (first === undefined || first.toLowerCase() === 'help') {
    const ns = second ? findNamespace(second) : undefined;
    return { help: ns ? namespaceHelp(ns) : globalHelp(NAMESPACES) };
  }
  const ns = findNamespace(first);
  if (!ns) throw unknown('namespace', first, NAMESPACES.flatMap((n) => [n.name, ...n.aliases]));
  if (second === undefined || second.toLowerCase() === 'help') {
    const cmd = more[0] ? findCommand(ns, more[0]) : undefined;
    return { help: cmd ? commandHelp(ns, cmd) : namespaceHelp(ns) };
  }
  const cmd = findCommand(ns, second);
  if (!cmd) throw unknown(`command of "${ns.name}"`, second, ns.commands.map((c) => c.name));
  if (helpFlag || (more.length === 1 && more[0].toLowerCase() === 'help')) return { help: commandHelp(ns, cmd) };
  return { ns, cmd, words: more };
}

function findNamespace(word: string) {
  const w = word.toLowerCase();
  return NAMESPACES.find((n) => n.name.toLowerCase() === w || n.aliases.some((a) => a.toLowerCase() === w));
}

function findCommand(ns: Namespace, word: string) {
  return ns.commands.find((c) => c.name.toLowerCase() === word.toLowerCase());
}

function unknown(what: string, word: string, known: string[]) {
  return ValidationError.single(what, `unknown ${what} "${word}"; known: ${known.join(', ')} ("carbonio help" lists everything)`);
}

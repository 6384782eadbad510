import { ValidationError } from '../errors';
import { parseArgs } from './arg-types';
import { auditAction, auditCommand, scrubWords } from './audit-command';
import { LazyContext } from './context';
import { extractGlobalFlags } from './global-flags';
import { commandHelp, globalHelp, namespaceHelp } from './help';
import { processIo, type CliIo } from './io';
import { parseParams, type RawArgs } from './params';
import { NAMESPACES } from './registry';
import { reportError } from './report-error';
import type { CommandSpec, GlobalFlags, Namespace } from './spec';

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
    return await runCommand(target, io, flags, context);
  } catch (err) {
    return reportError(io, err, json);
  } finally {
    await context.close();
  }
}

/** Parses and runs a command; audits it unless the core function it called did. */
async function runCommand(target: { ns: Namespace; cmd: CommandSpec; words: string[] }, io: CliIo, flags: GlobalFlags, context: LazyContext): Promise<number> {
  const action = auditAction(target.ns, target.cmd);
  let raw: RawArgs | undefined;
  let coreAudited = false;
  try {
    raw = parseParams(target.cmd.params, target.words);
    const args = parseArgs(target.cmd.args, raw);
    const code = await target.cmd.run({ io, flags, context: () => context.get(), coreAudits: () => void (coreAudited = true) }, args);
    if (!coreAudited) await auditCommand(context, action, raw, { ok: true, message: code ? `exit code ${code}` : undefined });
    return code;
  } catch (err) {
    if (!coreAudited) await auditCommand(context, action, raw ?? { words: scrubWords(target.words) }, { ok: false, error: err });
    throw err;
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

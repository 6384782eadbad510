import { EXIT_CODES } from '../errors';
import { GLOBAL_FLAGS } from './global-flags';
import { placeholder } from './params';
import type { CommandSpec, Namespace } from './spec';

export function usageLine(ns: Namespace, c: CommandSpec): string {
  const parts = c.params.map((p) => {
    const value = placeholder(p);
    if (p.mandatory) return p.positional ? `{${p.name}}` : `${p.name} ${value}`;
    return p.positional ? `[${p.name}]` : `[${p.name} ${value}]`;
  });
  return ['carbonio', ns.name, c.name, ...parts].join(' ');
}

export function commandHelp(ns: Namespace, c: CommandSpec): string {
  let out = `${usageLine(ns, c)}\n\n${c.summary}.\n`;
  if (c.details) out += `\n${wrap(c.details, 90)}\n`;
  if (c.params.length) {
    out += '\nParameters (M = mandatory, O = optional; {name}: may be given by position, without its name):\n';
    const width = Math.max(...c.params.map((p) => p.name.length)) + 2;
    for (const p of c.params) out += `  ${p.name.padEnd(width)}${p.mandatory ? 'M' : 'O'}  ${placeholder(p).padEnd(22)} ${p.description}\n`;
  } else out += '\nNo parameters.\n';
  if (c.startsOperation) out += '\nStarts an operation: add --sync to wait for its end, or follow it with "carbonio ha monitor OPERATION_UUID".\n';
  out += `\nExamples:\n${c.examples.map((e) => `  ${e}`).join('\n')}\n`;
  out += `\n--json output: ${c.jsonShape} (docs/cli.md).\n`;
  return out;
}

export function namespaceHelp(ns: Namespace): string {
  const width = Math.max(...ns.commands.map((c) => c.name.length)) + 2;
  let out = `carbonio ${ns.name} COMMAND [PARAMETERS] [--json] [--sync]${ns.aliases.length ? `   (alias: ${ns.aliases.map((a) => `carbonio ${a}`).join(', ')})` : ''}\n\n${ns.summary}.\n\nCommands:\n`;
  for (const c of ns.commands) out += `  ${c.name.padEnd(width)}${c.summary}\n`;
  out += `\n"carbonio ${ns.name} COMMAND help" describes a command and its parameters.\n`;
  return out;
}

export function globalHelp(namespaces: Namespace[]): string {
  let out = 'carbonio NAMESPACE COMMAND [PARAMETERS] [--json] [--sync] [--timeout SECONDS]\n\n';
  out += 'Parameters are "name value" pairs after the command (e.g. "accounts a@example.com,b@example.com");\nmandatory ones may also be given by position.\n\nNamespaces:\n';
  const width = Math.max(...namespaces.map((n) => n.name.length)) + 2;
  for (const ns of namespaces) {
    out += `  ${ns.name.padEnd(width)}${ns.summary}${ns.aliases.length ? ` (alias: ${ns.aliases.join(', ')})` : ''}\n`;
    for (const c of ns.commands) out += `  ${''.padEnd(width)}  ${c.name}\n`;
  }
  out += '\nOptions:\n';
  for (const f of GLOBAL_FLAGS) out += `  ${f.flag.padEnd(20)}${f.description}\n`;
  out += '\nExit codes:\n  0   success\n';
  for (const [code, meaning] of exitCodeMeanings()) out += `  ${String(code).padEnd(4)}${meaning}\n`;
  out += '\n"carbonio NAMESPACE help" lists its commands; "carbonio ha COMMAND help" describes one.\n';
  return out;
}

const CODE_MEANING: Record<keyof typeof EXIT_CODES, string> = {
  internal: 'internal error; or a negative result: with --sync or monitor the operation ended failed or partial, verify found a difference',
  invalid_input: 'invalid input (bad, unknown or missing parameter, wildcard or unknown account, distribution list, unknown destination, unreadable or empty input file): nothing changed',
  not_found: 'not found (unknown operation or mailstore host): nothing changed',
  conflict: 'conflict with the current state (e.g. the replica already exists): nothing changed',
  license_exceeded: 'the HA licence would be exceeded: nothing changed',
  unavailable: 'a dependency is unreachable (Kafka brokers, database, mailstore node)',
  timeout: 'timed out (--timeout reached; the operation keeps running)',
  fenced: 'the account moved (fenced)',
  unauthenticated: 'not authenticated / not allowed',
  forbidden: 'not authenticated / not allowed',
  rate_limited: 'rate limited: retry later',
};

/** Exit codes and their meaning, from EXIT_CODES (lib/errors/mapping.ts), one row per code. */
export function exitCodeMeanings(): [number, string][] {
  const byCode = new Map<number, string>();
  for (const [name, code] of Object.entries(EXIT_CODES)) if (!byCode.has(code)) byCode.set(code, CODE_MEANING[name as keyof typeof EXIT_CODES]);
  return [...byCode.entries()].sort((a, b) => a[0] - b[0]);
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

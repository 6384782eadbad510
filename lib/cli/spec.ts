import type { z } from 'zod';
import type { HaContext } from '../ha/context';
import type { CliIo } from './io';

/** How a parameter's value is written on the command line (shown in help and docs/cli.md). */
export type ParamKind = 'host' | 'integer' | 'list' | 'accounts' | 'file' | 'boolean' | 'uuid' | 'text' | 'choice';

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  mandatory?: boolean;
  /** May be given without its name, by position (in the order of the spec). */
  positional?: boolean;
  /** For kind 'choice': the accepted values. */
  choices?: readonly string[];
  description: string;
}

export interface GlobalFlags {
  json: boolean;
  sync: boolean;
  /** Longest wait of --sync and monitor, in seconds; undefined = until the operation ends. */
  timeoutSeconds?: number;
  help: boolean;
}

/** What a running command gets: its I/O, the global flags and the core context (opened on first use). */
export interface CliRun {
  io: CliIo;
  flags: GlobalFlags;
  context(): Promise<HaContext>;
  /**
   * Says that the core function about to be called writes the audit row itself (mutations do);
   * otherwise main() records one for the command (reads, and refusals before the core is reached).
   */
  coreAudits(): void;
}

export interface CommandSpec<A = Record<string, unknown>> {
  name: string;
  summary: string;
  /** Longer explanation for `help`. */
  details?: string;
  params: ParamSpec[];
  /** Converts the raw `name value` strings into the command's typed arguments (zod, CLI boundary). */
  args: z.ZodType<A, Record<string, string | undefined>>;
  examples: string[];
  /** The command starts an operation: --sync waits for it. */
  startsOperation?: boolean;
  /** Audit log action when the CLI records the command (default: the command's name; see audit-command.ts). */
  auditAction?: string;
  /** Name of the zod schema (lib/cli/json-output.ts) its --json output follows. */
  jsonShape: string;
  /** Returns the exit code (0 unless the command reports a failure it already printed). */
  run(run: CliRun, args: A): Promise<number>;
}

export interface Namespace {
  name: string;
  aliases: string[];
  summary: string;
  commands: CommandSpec[];
}

/** Erases the argument type so commands of different shapes share one registry. */
export function command<A>(spec: CommandSpec<A>): CommandSpec {
  return spec as unknown as CommandSpec;
}

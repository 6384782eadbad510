import { recordAudit } from '../audit/record-audit';
import type { LazyContext } from './context';
import type { RawArgs } from './params';
import type { CommandSpec, Namespace } from './spec';

/** The audit action of a command: the core's own name where the core audits the same thing. */
export function auditAction(ns: Namespace, cmd: CommandSpec): string {
  return cmd.auditAction ?? (ns.name === 'ha' ? cmd.name : `${ns.name}.${cmd.name}`);
}

/** The words of a command line that could not be parsed, with secrets blanked. */
export function scrubWords(words: string[]): string[] {
  return words.map((w, i) => (i > 0 && /^authentication$/i.test(words[i - 1]) ? '[redacted]' : w));
}

/**
 * Records a CLI command in the audit log (actor cli:<user>, origin cli) when the core did not:
 * reads, dry runs, and refusals before any core call. Without a reachable database there is
 * nothing to record into, and the command's own outcome is what the user sees.
 */
export async function auditCommand(context: LazyContext, action: string, params: RawArgs | { words: string[] }, outcome: { ok: true; message?: string } | { ok: false; error: unknown }) {
  let ctx;
  try {
    ctx = await context.get();
  } catch {
    return;
  }
  await recordAudit(ctx, action, params, outcome);
}

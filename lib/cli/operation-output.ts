import { TimeoutError } from '../errors';
import type { HaContext } from '../ha/context';
import { isOperationEnded, type OperationDetail, type OperationRef } from '../schemas/views';
import { selectAccounts } from './account-selection';
import { renderOperationDetail, renderOperationRef } from './format/operation';
import { ProgressReporter } from './progress';
import type { CliRun } from './spec';
import { loadCore, type CoreApi } from './load-core';

/** Exit code when an awaited operation ends failed or partial (documented in docs/cli.md). */
export const OPERATION_FAILED_EXIT = 1;

/**
 * Prints what a command that started an operation answers. With --sync, waits for the end with
 * live progress, then prints the per-account results; the exit code says whether it succeeded.
 */
export async function reportStartedOperation(run: CliRun, ref: OperationRef, duplicates: string[] = []): Promise<number> {
  const merged = { ...ref, duplicates: [...new Set([...ref.duplicates, ...duplicates])] };
  if (!run.flags.sync) {
    await run.io.out(run.flags.json ? JSON.stringify(merged) + '\n' : renderOperationRef(merged, { sync: false }));
    return 0;
  }
  if (!run.flags.json) await run.io.out(renderOperationRef(merged, { sync: true }) + '\n');
  return followOperation(run, ref.operationId);
}

/**
 * The body of a command that starts an operation over `accounts a,b` or `input_file PATH`:
 * selects the accounts (duplicates reported once), starts the operation, reports it.
 */
export async function startAccountsOperation(
  run: CliRun,
  args: { accounts?: string[]; input_file?: string },
  start: (core: CoreApi, ctx: HaContext, accounts: string[]) => Promise<OperationRef>,
): Promise<number> {
  const core = await loadCore();
  const selection = await selectAccounts(args, true);
  run.coreAudits();
  return reportStartedOperation(run, await start(core, await run.context(), selection.accounts), selection.duplicates);
}

/** Waits for an operation (monitor, --sync) showing progress; prints the final detail. */
export async function followOperation(run: CliRun, operationId: string): Promise<number> {
  const core = await loadCore();
  const ctx = await run.context();
  const sink = run.flags.json
    ? { write: run.io.err, tty: run.io.errIsTTY, columns: run.io.columns }
    : { write: run.io.out, tty: run.io.outIsTTY, columns: run.io.columns };
  const progress = new ProgressReporter(sink);
  let detail: OperationDetail = await core.getOperation(ctx, operationId);
  await progress.update(detail);
  if (!isOperationEnded(detail.state)) {
    try {
      detail = await core.waitForOperation(ctx, operationId, {
        onProgress: (op) => void progress.update(op),
        timeoutMs: run.flags.timeoutSeconds ? run.flags.timeoutSeconds * 1000 : 7 * 24 * 3600 * 1000,
      });
    } catch (err) {
      await progress.finish();
      if (err instanceof TimeoutError) {
        throw new TimeoutError(`stopped waiting after ${run.flags.timeoutSeconds} s; operation ${operationId} keeps running: carbonio ha monitor ${operationId}`);
      }
      throw err;
    }
    await progress.update(detail);
  }
  await progress.finish();
  await run.io.out(run.flags.json ? JSON.stringify(detail) + '\n' : renderOperationDetail(detail));
  if (detail.state === 'succeeded') return 0;
  await run.io.err(`error: operation ${operationId} ended ${detail.state}: ${detail.failed} of ${detail.total} accounts failed${detail.message ? ` (${detail.message})` : ''}\n`);
  return OPERATION_FAILED_EXIT;
}

import type { OperationDetail, OperationRef } from '../../schemas/views';
import { kvLines, table } from './kv';

/** What a command that started an operation prints at once. */
export function renderOperationRef(ref: OperationRef, opts: { sync: boolean }): string {
  let out = kvLines([
    ['operationId', ref.operationId],
    ['kind', ref.kind],
    ['accounts', ref.accounts],
  ]);
  for (const d of ref.duplicates) out += kvLines([['duplicateIgnored', d]]);
  if (!opts.sync) out += `\nThe operation runs in the background: follow it with "carbonio ha monitor ${ref.operationId}".\n`;
  return out;
}

/** An operation with its per-account results. */
export function renderOperationDetail(op: OperationDetail): string {
  let out = kvLines([
    ['operationId', op.id],
    ['kind', op.kind],
    ['state', op.state],
    ['progress', `${op.done}/${op.total} done, ${op.failed} failed`],
    ['message', op.message],
    ['actor', `${op.actor} (${op.origin})`],
    ['createdAt', op.createdAt],
    ['startedAt', op.startedAt],
    ['endedAt', op.endedAt],
  ]);
  if (op.items.length) {
    out += '\n' + table(['account', 'destination', 'state', 'message'], op.items.map((i) => [i.accountName, i.destination, i.state, i.message]));
    if (op.itemsTotal > op.items.length) out += `... ${op.itemsTotal - op.items.length} more accounts (carbonio ha monitor ${op.id} --json lists them all)\n`;
  }
  return out;
}

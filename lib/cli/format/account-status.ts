import type { AccountStatusView } from '../../schemas/views';
import { INDENT, kvLines } from './kv';

/**
 * One account as the reference lists it: the account's fields, then `replicas` and each
 * replica's fields, indented; a blank line ends the block. Exactly the reference's fields:
 * state, lag and errors are in --json and in the console.
 */
export function renderAccountStatus(a: AccountStatusView): string {
  let out = kvLines([
    ['accountId', a.accountId],
    ['accountName', a.accountName],
    ['accountMailHost', a.accountMailHost],
    ['paused', a.paused],
    ['mailboxId', a.mailboxId],
    ['sequence', a.sequence],
    ['itemId', a.itemId],
  ]);
  out += 'replicas\n';
  a.replicas.forEach((r, i) => {
    if (i > 0) out += '\n';
    out += kvLines([
      ['accountId', r.accountId],
      ['itemId', r.itemId],
      ['sequence', r.sequence],
      ['mailboxId', r.mailboxId],
      ['destination', r.destination],
      ['available', r.available],
      ['priority', r.priority],
      ['canConnectToKafka', r.canConnectToKafka],
    ], INDENT);
  });
  return out + '\n';
}

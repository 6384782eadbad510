import { isOperationEnded, type OperationDetail } from '@/lib/schemas/views';

export const isRunning = (state: string | undefined) => state !== undefined && !isOperationEnded(state);

/**
 * How often to re-read a running operation: every 250 ms for its first 20 reads (most
 * one-account operations end within those 5 s: nodes start an operation as soon as it is
 * queued), then every second.
 */
export function operationRefresh(op: OperationDetail | undefined, reads: number): number | false {
  if (op && !isRunning(op.state)) return false;
  return op && reads < 20 ? 250 : 1_000;
}

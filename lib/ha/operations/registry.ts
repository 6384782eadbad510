import type { Pool } from '../../db/pool';
import type { Logger } from '../../log/logger';
import type { NodeContext } from '../../node/node';
import type { OperationKind, OperationState } from '../../schemas/views';

export interface OperationItemRow {
  id: number;
  accountId: string | null;
  accountName: string;
  destination: string | null;
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  message: string | null;
}

export interface ItemUpdate {
  id: number;
  state: OperationItemRow['state'];
  message: string | null;
}

/** What a handler gets while it drives one operation on a node holding its lease. */
export interface OperationJob {
  op: { id: string; kind: OperationKind; params: unknown; actor: string; createdAt: Date };
  /** The HA database. */
  haDb: Pool;
  /** The node the worker runs on (Kafka handles, topology, ...). */
  node: NodeContext;
  log: Logger;
  /** Aborted when the lease is lost (another node takes over) or the worker stops: return soon. */
  signal: AbortSignal;
  /** Every item of the operation, as stored now. */
  items(): Promise<OperationItemRow[]>;
  /** Writes item states (only changed ones are passed) and refreshes the operation's counters. */
  updateItems(updates: ItemUpdate[]): Promise<void>;
  /** Sleeps, waking early when the signal aborts. */
  sleep(ms: number): Promise<void>;
}

export interface OperationResult {
  /** Defaults from the items: all succeeded/skipped -> succeeded, all failed -> failed, else partial. */
  state?: Extract<OperationState, 'succeeded' | 'partial' | 'failed'>;
  message: string;
  /** Stored for the global administrators when the operation ends; null for none. */
  notification: { kind: string; title: string; body: string } | null;
}

/**
 * Drives one kind of operation to its end. `run` must be resumable: after a crash or a lost
 * lease another node calls it again for the same operation, with the items as they were left.
 */
export interface OperationHandler {
  kind: OperationKind;
  run(job: OperationJob): Promise<OperationResult>;
}

const handlers = new Map<OperationKind, OperationHandler>();

/** Adds (or replaces) the handler of a kind; issue 5 registers 'promoteAccounts' here. */
export function registerOperationHandler(h: OperationHandler) {
  handlers.set(h.kind, h);
}

export function operationHandler(kind: OperationKind): OperationHandler | undefined {
  return handlers.get(kind);
}

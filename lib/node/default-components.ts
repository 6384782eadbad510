import { mailboxComponents } from '../mailstore/component';
import { replicationComponents } from '../replication/agent-components';
import type { ComponentFactory } from './node';
import { staleSweepComponents } from './stale-sweep';

/**
 * The parts of a full mailstore node, in start order (stopped in reverse). Each factory
 * returns the components it contributes; see ARCHITECTURE.md for what each one does.
 */
export const defaultComponents: ComponentFactory[] = [
  mailboxComponents, // mailbox service + publishing sync + publisher relay (lib/mailstore, lib/replication)
  replicationComponents, // replica agent, snapshot taker, status reporter, verify endpoints, operation worker (lib/replication, lib/ha/operations)
  staleSweepComponents, // mailboxes of accounts promoted away turn stale (lib/node/stale-sweep.ts)
];

import { promoteHandler } from '../../promotion/handler';
import { registerOperationHandler } from '../registry';
import { pauseHandler } from './pause';
import { removeHandler } from './remove';
import { restartHandler } from './restart';
import { setDestinationHandler } from './set-destination';

/** Registers the handlers of the replica commands (idempotent). */
export function registerReplicaHandlers() {
  for (const h of [setDestinationHandler, pauseHandler, restartHandler, removeHandler, promoteHandler]) registerOperationHandler(h);
}

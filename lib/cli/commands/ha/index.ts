import type { CommandSpec } from '../../spec';
import { testCommand } from '../test-brokers';
import { serviceCommands } from '../services';
import { getAccountStatusCommand } from './get-account-status';
import { getPromotionsCommand } from './get-promotions';
import { monitorCommand } from './monitor';
import { pauseReplicasCommand, restartReplicasCommand } from './pause-restart';
import { promoteAccountsCommand } from './promote-accounts';
import { removeAccountDestinationCommand } from './remove-account-destination';
import { setAccountDestinationCommand } from './set-account-destination';
import { verifyCommand } from './verify';

/** The commands of `carbonio ha` (alias `carbonio MailReplica`), in help order. */
export const haCommands: CommandSpec[] = [
  setAccountDestinationCommand,
  getAccountStatusCommand,
  promoteAccountsCommand,
  removeAccountDestinationCommand,
  pauseReplicasCommand,
  restartReplicasCommand,
  verifyCommand,
  getPromotionsCommand,
  monitorCommand,
  testCommand,
  ...serviceCommands,
];

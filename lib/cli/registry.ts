import { configCommands } from './commands/config';
import { haCommands } from './commands/ha/index';
import { coreCommands } from './commands/core';
import type { Namespace } from './spec';

/** Every namespace and command of the CLI: help, docs/cli.md and dispatch all read this list. */
export const NAMESPACES: Namespace[] = [
  {
    name: 'ha',
    aliases: ['MailReplica'],
    summary: 'Active Replica: replicate accounts to other mailstores, watch them, promote them',
    commands: haCommands,
  },
  { name: 'config', aliases: [], summary: 'Global configuration: the Kafka brokers', commands: configCommands },
  { name: 'core', aliases: [], summary: 'Licence information', commands: coreCommands },
];

import { z } from 'zod';
import { accountsParam, inputFileParam } from '../../account-selection';
import { hostArg, intArg, listArg } from '../../arg-types';
import { startAccountsOperation } from '../../operation-output';
import { command } from '../../spec';

export const setAccountDestinationCommand = command({
  name: 'setAccountDestination',
  summary: 'Replicate accounts to a destination mailstore (initialise their replicas)',
  details:
    'Validates everything first and changes nothing when anything is wrong: every problem is listed (wildcards, distribution lists, unknown accounts, unknown destination, priority, licence). Then registers the replicas and starts their initialisation (a consistent snapshot followed by the live stream). The global administrators get a notification when the initialisation completes.',
  params: [
    { name: 'destination', kind: 'host', mandatory: true, positional: true, description: 'the destination mailstore (FQDN)' },
    { name: 'priority', kind: 'integer', mandatory: true, positional: true, description: 'replica priority, 0 or more; lower is preferred at promotion (10 before 11, 20, 100)' },
    accountsParam,
    inputFileParam,
  ],
  args: z.object({
    destination: hostArg('destination'),
    priority: intArg('priority'),
    accounts: listArg('accounts').optional(),
    input_file: z.string().optional(),
  }),
  examples: [
    'carbonio ha setAccountDestination mailstore1.example.com 10 accounts user1@customer.tld,user2@customer.tld',
    'carbonio ha setAccountDestination mailstore1.example.com 10 input_file /tmp/accounts',
  ],
  startsOperation: true,
  jsonShape: 'OperationRefOutput',
  run: (run, args) => startAccountsOperation(run, args, (core, ctx, accounts) => core.setAccountDestination(ctx, { destination: args.destination, priority: args.priority, accounts })),
});

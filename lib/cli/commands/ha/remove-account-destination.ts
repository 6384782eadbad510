import { z } from 'zod';
import { accountsParam, inputFileParam } from '../../account-selection';
import { hostArg, listArg } from '../../arg-types';
import { startAccountsOperation } from '../../operation-output';
import { command } from '../../spec';

export const removeAccountDestinationCommand = command({
  name: 'removeAccountDestination',
  summary: "Delete accounts' replicas from a destination mailstore",
  details: "Deletes the replicated metadata on the destination; the source stops publishing an account when no replica is left. If the destination is down, the removal completes when it comes back.",
  params: [
    { name: 'destination', kind: 'host', mandatory: true, positional: true, description: 'the mailstore holding the replicas to delete' },
    accountsParam,
    inputFileParam,
  ],
  args: z.object({ destination: hostArg('destination'), accounts: listArg('accounts').optional(), input_file: z.string().optional() }),
  examples: [
    'carbonio ha removeAccountDestination mailstore1.example.com accounts john.doe@example.com,jane.doe@example.com',
    'carbonio ha removeAccountDestination mailstore1.example.com input_file /tmp/accounts',
  ],
  startsOperation: true,
  jsonShape: 'OperationRefOutput',
  run: (run, args) => startAccountsOperation(run, args, (core, ctx, accounts) => core.removeAccountDestination(ctx, { destination: args.destination, accounts })),
});

import { z } from 'zod';
import { accountsParam, inputFileParam } from '../../account-selection';
import { listArg } from '../../arg-types';
import { startAccountsOperation } from '../../operation-output';
import { command } from '../../spec';

const args = z.object({ accounts: listArg('accounts').optional(), input_file: z.string().optional() });

export const pauseReplicasCommand = command({
  name: 'pauseReplicas',
  summary: "Pause accounts' replicas (stop applying events; they are kept for later)",
  params: [accountsParam, inputFileParam],
  args,
  examples: ['carbonio ha pauseReplicas accounts john.doe@example.com', 'carbonio ha pauseReplicas input_file /tmp/accounts'],
  startsOperation: true,
  jsonShape: 'OperationRefOutput',
  run: (run, a) => startAccountsOperation(run, a, (core, ctx, accounts) => core.pauseReplicas(ctx, { accounts })),
});

export const restartReplicasCommand = command({
  name: 'restartReplicas',
  summary: "Restart accounts' replicas: resume paused ones and catch up, re-initialise failed ones",
  params: [accountsParam, inputFileParam],
  args,
  examples: ['carbonio ha restartReplicas accounts john.doe@example.com', 'carbonio ha restartReplicas input_file /tmp/accounts'],
  startsOperation: true,
  jsonShape: 'OperationRefOutput',
  run: (run, a) => startAccountsOperation(run, a, (core, ctx, accounts) => core.restartReplicas(ctx, { accounts })),
});

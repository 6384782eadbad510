import { z } from 'zod';
import { accountsParam, inputFileParam, selectAccounts } from '../../account-selection';
import { listArg } from '../../arg-types';
import { reportStartedOperation } from '../../operation-output';
import { command } from '../../spec';
import { loadCore } from '../../load-core';

const args = z.object({ accounts: listArg('accounts').optional(), input_file: z.string().optional() });

export const pauseReplicasCommand = command({
  name: 'pauseReplicas',
  summary: "Pause accounts' replicas (stop applying events; they are kept for later)",
  params: [accountsParam, inputFileParam],
  args,
  examples: ['carbonio ha pauseReplicas accounts john.doe@example.com', 'carbonio ha pauseReplicas input_file /tmp/accounts'],
  startsOperation: true,
  jsonShape: 'OperationRefOutput',
  async run(run, a) {
    const core = await loadCore();
    const selection = await selectAccounts(a, true);
    run.coreAudits();
    return reportStartedOperation(run, await core.pauseReplicas(await run.context(), { accounts: selection.accounts }), selection.duplicates);
  },
});

export const restartReplicasCommand = command({
  name: 'restartReplicas',
  summary: "Restart accounts' replicas: resume paused ones and catch up, re-initialise failed ones",
  params: [accountsParam, inputFileParam],
  args,
  examples: ['carbonio ha restartReplicas accounts john.doe@example.com', 'carbonio ha restartReplicas input_file /tmp/accounts'],
  startsOperation: true,
  jsonShape: 'OperationRefOutput',
  async run(run, a) {
    const core = await loadCore();
    const selection = await selectAccounts(a, true);
    run.coreAudits();
    return reportStartedOperation(run, await core.restartReplicas(await run.context(), { accounts: selection.accounts }), selection.duplicates);
  },
});

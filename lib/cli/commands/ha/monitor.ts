import { z } from 'zod';
import { hostArg, uuidArg } from '../../arg-types';
import { followOperation } from '../../operation-output';
import { command } from '../../spec';
import { loadCore } from '../../load-core';

export const monitorCommand = command({
  name: 'monitor',
  summary: 'Follow an operation live until it ends, then print its per-account results',
  details:
    'Works for every operation (setAccountDestination, promoteAccounts, removeAccountDestination, pauseReplicas, restartReplicas), whoever started it. Operations are stored in the HA database, so operation_host is optional and only checked to be a known mailstore. --timeout SECONDS stops waiting (the operation keeps running). Exits 1 when the operation ended failed or partial.',
  params: [
    { name: 'operation_uuid', kind: 'uuid', mandatory: true, positional: true, description: 'the operation id printed by the command that started it' },
    { name: 'operation_host', kind: 'host', positional: true, description: 'the mailstore that runs it (accepted for compatibility)' },
  ],
  args: z.object({ operation_uuid: uuidArg('operation_uuid'), operation_host: hostArg('operation_host').optional() }),
  examples: ['carbonio ha monitor 3f1c9a52-8a5e-4b0e-9d43-2f6f0b7e4c11', 'carbonio ha monitor 3f1c9a52-8a5e-4b0e-9d43-2f6f0b7e4c11 mbox1.example.com --json'],
  jsonShape: 'OperationDetailOutput',
  async run(run, args) {
    const core = await loadCore();
    if (args.operation_host) await core.getServices(await run.context(), { host: args.operation_host });
    return followOperation(run, args.operation_uuid);
  },
});

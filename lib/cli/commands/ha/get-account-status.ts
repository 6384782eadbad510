import { z } from 'zod';
import { choiceArg, hostArg, listArg } from '../../arg-types';
import { renderAccountStatus } from '../../format/account-status';
import { command } from '../../spec';
import { loadCore } from '../../load-core';

export const getAccountStatusCommand = command({
  name: 'getAccountStatus',
  summary: 'Status of replicated accounts and of each of their replicas',
  details:
    'Without parameters: every replicated account. Parameters narrow the list and combine (all must match). Accounts are streamed page by page, so the list may be as long as the installation. Text output: per account the reference fields (accountId, accountName, accountMailHost, paused, mailboxId, sequence, itemId), then "replicas" and per replica accountId, itemId, sequence, mailboxId, destination, available, priority, canConnectToKafka. --json adds state, lag and lastError.',
  params: [
    { name: 'mailHost', kind: 'host', description: 'accounts whose source (active) mailstore is this one' },
    { name: 'replicaServer', kind: 'host', description: 'accounts with a replica on this mailstore' },
    { name: 'accounts', kind: 'accounts', description: 'only these accounts (comma-separated)' },
    { name: 'domains', kind: 'list', description: 'only accounts of these domains (comma-separated)' },
    { name: 'accountStatus', kind: 'choice', choices: ['active', 'paused'], description: 'accounts whose replication is active or paused' },
    { name: 'replicaStatus', kind: 'choice', choices: ['available', 'unavailable'], description: 'accounts with a replica that is available or unavailable' },
  ],
  args: z.object({
    mailHost: hostArg('mailHost').optional(),
    replicaServer: hostArg('replicaServer').optional(),
    accounts: listArg('accounts').optional(),
    domains: listArg('domains').optional(),
    accountStatus: choiceArg('accountStatus', ['active', 'paused']).optional(),
    replicaStatus: choiceArg('replicaStatus', ['available', 'unavailable']).optional(),
  }),
  examples: [
    'carbonio ha getAccountStatus',
    'carbonio ha getAccountStatus mailHost mbox1.example.com',
    'carbonio ha getAccountStatus replicaServer mailstore1.example.com',
    'carbonio ha getAccountStatus accounts john.doe@example.com,jane.doe@example.com',
    'carbonio ha getAccountStatus domains example.com,customer.tld',
    'carbonio ha getAccountStatus accountStatus paused',
    'carbonio ha getAccountStatus replicaStatus unavailable --json',
  ],
  jsonShape: 'AccountStatusOutput',
  async run(run, args) {
    const core = await loadCore();
    const ctx = await run.context();
    let count = 0;
    if (run.flags.json) await run.io.out('{"accounts":[');
    for await (const account of core.streamAccountStatus(ctx, args)) {
      if (run.flags.json) await run.io.out(`${count ? ',' : ''}\n${JSON.stringify(account)}`);
      else await run.io.out(renderAccountStatus(account));
      count++;
    }
    if (run.flags.json) await run.io.out(`\n],"count":${count}}\n`);
    else if (count === 0) await run.io.err('No replicated account matches.\n');
    return 0;
  },
});

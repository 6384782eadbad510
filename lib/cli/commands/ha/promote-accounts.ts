import { z } from 'zod';
import type { PromotionPlanRow } from '../../../schemas/views';
import { accountsParam, inputFileParam, selectAccounts } from '../../account-selection';
import { boolArg, hostArg, intArg, listArg } from '../../arg-types';
import { table } from '../../format/kv';
import { loadCore } from '../../load-core';
import { reportStartedOperation } from '../../operation-output';
import { command } from '../../spec';

export function renderPlan(plan: PromotionPlanRow[]): string {
  return table(['account', 'source', 'destination', 'priority', 'lagEvents', 'blockers'],
    plan.map((p) => [p.accountName, p.sourceMailHost, p.destination, p.priority, p.lagEvents, p.blockers.join('; ') || 'none']));
}

export const promoteAccountsCommand = command({
  name: 'promoteAccounts',
  summary: 'Promote accounts to a replica: the replica becomes the account\'s mailstore',
  details:
    'Works while the source mailstore is offline: metadata is already in the event stream and blobs are on centralized storage. Each account goes to its available replica with the lowest priority number, or to destination when given. The account is fenced on its old mailstore, the target drains the stream, then the account moves. Accounts come from accounts, input_file and/or source_mail_host (every replicated account of that mailstore). dryRun true prints the plan and changes nothing. The global administrators get a notification when the promotion completes.',
  params: [
    accountsParam,
    inputFileParam,
    { name: 'source_mail_host', kind: 'host', description: 'promote every replicated account hosted on this mailstore' },
    { name: 'destination', kind: 'host', description: 'force this replica instead of the preferred one' },
    { name: 'threads', kind: 'integer', description: 'accounts promoted in parallel (1-64, default 4)' },
    { name: 'dryRun', kind: 'boolean', description: 'true: show where each account would go and what blocks it; change nothing' },
  ],
  args: z.object({
    accounts: listArg('accounts').optional(),
    input_file: z.string().optional(),
    source_mail_host: hostArg('source_mail_host').optional(),
    destination: hostArg('destination').optional(),
    threads: intArg('threads', 1, 64).optional(),
    dryRun: boolArg('dryRun').optional(),
  }),
  examples: [
    'carbonio ha promoteAccounts accounts alice.doe@example.com,bob.doe@example.com',
    'carbonio ha promoteAccounts input_file /tmp/accounts',
    'carbonio ha promoteAccounts source_mail_host mbox1.example.com',
    'carbonio ha promoteAccounts source_mail_host mbox1.example.com dryRun true',
    'carbonio ha promoteAccounts accounts john.doe@example.com destination mbox2.example.com threads 1 --sync',
  ],
  startsOperation: true,
  jsonShape: 'PromoteAccountsOutput',
  async run(run, args) {
    const core = await loadCore();
    const selection = await selectAccounts(args, false);
    if (!args.dryRun) run.coreAudits(); // a dry run changes nothing: the core does not audit it
    const result = await core.promoteAccounts(await run.context(), {
      accounts: selection?.accounts, sourceMailHost: args.source_mail_host, destination: args.destination, threads: args.threads, dryRun: args.dryRun ?? false,
    });
    if (result.dryRun) {
      await run.io.out(run.flags.json ? JSON.stringify(result) + '\n' : `Dry run: nothing changed.\n\n${renderPlan(result.plan)}`);
      return 0;
    }
    const blocked = result.plan.filter((p) => p.blockers.length);
    if (!run.flags.json) {
      await run.io.out(`${renderPlan(result.plan)}\n`);
      for (const p of blocked) await run.io.err(`warning: ${p.accountName} will not be promoted: ${p.blockers.join('; ')}\n`);
    }
    if (!run.flags.sync && run.flags.json) {
      await run.io.out(JSON.stringify({ ...result, duplicates: [...new Set([...result.duplicates, ...(selection?.duplicates ?? [])])] }) + '\n');
      return 0;
    }
    const { dryRun: _d, plan: _p, ...ref } = result;
    return reportStartedOperation(run, ref, selection?.duplicates);
  },
});

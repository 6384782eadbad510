import { z } from 'zod';
import { hostArg } from '../../arg-types';
import { kvLines, table } from '../../format/kv';
import { command } from '../../spec';
import { loadCore } from '../../load-core';

/** Exit code when a replica differs from its source (documented in docs/cli.md). */
export const VERIFY_DIFFERS_EXIT = 1;

export const verifyCommand = command({
  name: 'verify',
  summary: "Compare an account's replicas with its source, item by item, at the same sequence",
  details: 'Both sides compute a digest of the mailbox metadata (checkpoints, every item, tombstones) in one consistent read; a replica is compared once it reached the source\'s sequence. Exits 1 when a replica differs, listing the first differing items.',
  params: [
    { name: 'account', kind: 'text', mandatory: true, positional: true, description: 'the account (exact address)' },
    { name: 'destination', kind: 'host', positional: true, description: 'only the replica on this mailstore' },
  ],
  args: z.object({ account: z.string().trim().min(1), destination: hostArg('destination').optional() }),
  examples: ['carbonio ha verify john.doe@example.com', 'carbonio ha verify john.doe@example.com mailstore1.example.com --json'],
  jsonShape: 'VerifyOutput',
  async run(run, args) {
    const core = await loadCore();
    run.coreAudits();
    const r = await core.verifyAccount(await run.context(), { account: args.account, destination: args.destination });
    if (run.flags.json) await run.io.out(JSON.stringify(r) + '\n');
    else {
      let out = kvLines([['accountId', r.accountId], ['accountName', r.accountName], ['source', r.source]]);
      out += table(['destination', 'equal', 'sequence', 'message'], r.replicas.map((x) => [x.destination, x.equal, x.sequence, x.message]), '    ');
      for (const x of r.replicas.filter((y) => !y.equal && y.differences.length)) {
        out += `\ndifferences on ${x.destination}:\n` + table(['itemId', 'source', 'replica'], x.differences.map((d) => [d.itemId, d.source, d.replica]), '    ');
      }
      await run.io.out(out);
    }
    const differing = r.replicas.filter((x) => !x.equal);
    for (const x of differing) await run.io.err(`error: the replica on ${x.destination} differs from the source${x.message ? `: ${x.message}` : ''}\n`);
    return differing.length ? VERIFY_DIFFERS_EXIT : 0;
  },
});

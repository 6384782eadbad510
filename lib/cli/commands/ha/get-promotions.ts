import { z } from 'zod';
import { intArg, uuidArg } from '../../arg-types';
import { table } from '../../format/kv';
import { loadCore } from '../../load-core';
import { command } from '../../spec';

export const getPromotionsCommand = command({
  name: 'getPromotions',
  summary: 'Failover history: every promotion attempt, newest first',
  params: [
    { name: 'account', kind: 'text', description: 'only this account (exact address)' },
    { name: 'operation_uuid', kind: 'uuid', description: 'only the promotions of this operation' },
    { name: 'limit', kind: 'integer', description: 'at most this many (1-1000, default 100)' },
  ],
  args: z.object({ account: z.string().trim().optional(), operation_uuid: uuidArg('operation_uuid').optional(), limit: intArg('limit', 1, 1000).optional() }),
  examples: ['carbonio ha getPromotions', 'carbonio ha getPromotions account alice.doe@example.com --json'],
  jsonShape: 'PromotionsOutput',
  async run(run, args) {
    const core = await loadCore();
    const promotions = await core.listPromotions(await run.context(), { account: args.account, operationId: args.operation_uuid, limit: args.limit });
    if (run.flags.json) await run.io.out(JSON.stringify({ promotions }) + '\n');
    else if (promotions.length === 0) await run.io.err('No promotion matches.\n');
    else await run.io.out(table(['startedAt', 'account', 'from', 'to', 'result', 'durationMs', 'eventsDrained', 'message'],
      promotions.map((p) => [p.startedAt, p.accountName, p.fromHost, p.toHost, p.result, p.durationMs, p.eventsDrained, p.message])));
    return 0;
  },
});

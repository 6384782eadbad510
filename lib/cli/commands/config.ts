import { z } from 'zod';
import { choiceArg } from '../arg-types';
import { kvLines } from '../format/kv';
import { command, type CommandSpec } from '../spec';
import { loadCore } from '../load-core';

const scope = { name: 'scope', kind: 'choice', choices: ['global'], mandatory: true, positional: true, description: 'where the setting lives: global (the whole installation)' } as const;
const key = { name: 'key', kind: 'choice', choices: ['brokers'], mandatory: true, positional: true, description: 'the setting: brokers (Kafka bootstrap servers)' } as const;

const configSet = command({
  name: 'set',
  auditAction: 'config.setBrokers',
  summary: 'Set the Kafka brokers every mailstore streams through',
  details:
    'Validates the list (host:port, port 1-65535, no duplicates) and saves it. Running mailstore nodes re-read it within about 2 s and reconnect, without a restart. Each broker is then probed from this host: one that does not answer is reported as a warning (it may still be reachable from the mailstores), and the list is saved anyway, as in the product. Check with "carbonio ha test brokers ..." first.',
  params: [scope, key, { name: 'value', kind: 'list', mandatory: true, positional: true, description: 'comma-separated host:port list, e.g. "event1.example.com:9092,event2.example.com:9092"' }],
  args: z.object({ scope: choiceArg('scope', ['global']), key: choiceArg('key', ['brokers']), value: z.string() }),
  examples: [
    'carbonio config set global brokers "event1.example.com:9092,event2.example.com:9092,event3.example.com:9092"',
    'carbonio config set global brokers "10.0.10.11:9092,10.0.10.12:9092,10.0.10.13:9092"',
  ],
  jsonShape: 'BrokersOutput',
  async run(run, args) {
    const core = await loadCore();
    const ctx = await run.context();
    run.coreAudits();
    const saved = await core.setBrokers(ctx, { brokers: args.value });
    const report = await core.probeBrokers({ brokers: saved.brokers.join(',') }, 2000);
    const unreachable = report.brokers.filter((b) => !b.reachable).map((b) => ({ broker: b.broker, error: b.error ?? 'no answer' }));
    if (run.flags.json) {
      await run.io.out(JSON.stringify({ key: 'brokers', ...saved, unreachable }) + '\n');
    } else {
      await run.io.out(kvLines([['brokers', saved.brokers.join(',')], ['updatedAt', saved.updatedAt]]));
      await run.io.out('Running mailstore nodes pick the new brokers up within about 2 s.\n');
    }
    for (const u of unreachable) await run.io.err(`warning: ${u.broker} does not answer from this host: ${u.error}\n`);
    return 0;
  },
}) satisfies CommandSpec;

const configGet = command({
  name: 'get',
  auditAction: 'config.getBrokers',
  summary: 'Show the configured Kafka brokers',
  params: [scope, key],
  args: z.object({ scope: choiceArg('scope', ['global']), key: choiceArg('key', ['brokers']) }),
  examples: ['carbonio config get global brokers'],
  jsonShape: 'BrokersOutput',
  async run(run) {
    const core = await loadCore();
    const view = await core.getBrokers(await run.context());
    if (run.flags.json) await run.io.out(JSON.stringify({ key: 'brokers', ...view }) + '\n');
    else await run.io.out(kvLines([['brokers', view.brokers.length ? view.brokers.join(',') : '(not configured)'], ['updatedAt', view.updatedAt]]));
    return 0;
  },
});

export const configCommands: CommandSpec[] = [configSet, configGet];

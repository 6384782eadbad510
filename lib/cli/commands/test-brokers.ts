import { z } from 'zod';
import { HaError } from '../../errors';
import { table } from '../format/kv';
import { command } from '../spec';
import { reportError } from '../report-error';
import { loadCore } from '../load-core';

export const testCommand = command({
  name: 'test',
  auditAction: 'config.testBrokers',
  summary: 'Check that Kafka brokers are reachable from this host',
  details:
    'Opens a TCP connection to each broker, then asks it for the cluster metadata, and prints one line per broker. Exits with the "unavailable" code when any broker fails. authentication takes MECHANISM:USERNAME:PASSWORD (plain, scram-sha-256 or scram-sha-512); without it the SASL settings of the environment apply.',
  params: [
    { name: 'brokers', kind: 'list', mandatory: true, positional: true, description: 'comma-separated host:port list to check' },
    { name: 'authentication', kind: 'text', description: 'SASL credentials MECHANISM:USERNAME:PASSWORD' },
  ],
  args: z.object({ brokers: z.string(), authentication: z.string().optional() }),
  examples: ['carbonio ha test brokers event1.example.com:9092,event2.example.com:9092', 'carbonio ha test brokers 10.0.10.11:9092 authentication scram-sha-512:ha:secret'],
  jsonShape: 'BrokerTestOutput',
  async run(run, args) {
    const core = await loadCore();
    run.coreAudits();
    const report = await core.testBrokers(await run.context(), args);
    if (run.flags.json) {
      await run.io.out(JSON.stringify(report) + '\n');
    } else {
      await run.io.out(table(['broker', 'reachable', 'latencyMs', 'nodeId', 'clusterSize'], report.brokers.map((b) => [b.broker, b.reachable, b.latencyMs, b.nodeId, b.clusterSize])));
    }
    if (report.allReachable) return 0;
    const failed = report.brokers.filter((b) => !b.reachable);
    const problems = failed.map((b) => ({ field: b.broker, message: `${b.broker} is unreachable: ${b.error ?? 'no answer'}` }));
    const err = new HaError('unavailable', `${failed.length} of ${report.brokers.length} brokers are unreachable`, { retriable: true, problems });
    // The report is already on stdout with --json; the error lines go to stderr either way.
    return reportError(run.io, err, false);
  },
});

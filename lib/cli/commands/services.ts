import { z } from 'zod';
import { hostArg } from '../arg-types';
import { kvLines, table } from '../format/kv';
import { command, type CommandSpec, type ParamSpec } from '../spec';
import { loadCore } from '../load-core';

const hostParam: ParamSpec = {
  name: 'host',
  kind: 'host',
  description: 'the mailstore; default: CARBONIO_NODE_HOST, else the only mailstore',
};

const getServicesCommand = command({
  name: 'getServices',
  summary: 'State of the HA service (module) on each mailstore',
  details: 'Read from the heartbeats the nodes write every second, so it answers even when a node is down (nodeUp false: no heartbeat for 10 s).',
  params: [{ ...hostParam, description: 'only this mailstore' }],
  args: z.object({ host: hostArg('host').optional() }),
  examples: ['carbonio ha getServices', 'carbonio ha getServices host mbox1.example.com'],
  jsonShape: 'ServicesOutput',
  async run(run, args) {
    const core = await loadCore();
    const services = await core.getServices(await run.context(), args);
    if (run.flags.json) await run.io.out(JSON.stringify({ services }) + '\n');
    else await run.io.out(table(['host', 'service', 'running', 'nodeUp', 'agentAlive', 'kafkaReachable', 'heartbeatAt'],
      services.map((s) => [s.host, s.service, s.running, s.nodeUp, s.agentAlive, s.kafkaReachable, s.heartbeatAt])));
    return 0;
  },
});

const actions: Record<string, { fn: 'doStartService' | 'doStopService' | 'doRestartService'; audit: string; verb: string; example: string }> = {
  doStartService: { fn: 'doStartService', audit: 'services.start', verb: 'Start', example: 'carbonio ha doStartService module host mbox1.example.com' },
  doStopService: { fn: 'doStopService', audit: 'services.stop', verb: 'Stop', example: 'carbonio ha doStopService module host mbox1.example.com' },
  doRestartService: { fn: 'doRestartService', audit: 'services.restart', verb: 'Restart', example: 'carbonio ha doRestartService module host mbox1.example.com' },
};

const serviceActionCommands = Object.entries(actions).map(([name, a]) =>
  command({
    name,
    auditAction: a.audit,
    summary: `${a.verb} the HA module (publisher, agent, snapshots, status) of a mailstore`,
    details: 'The mailbox service keeps running; while the module is stopped the mailstore neither publishes nor applies events (protected writes fail, replicas held there fall behind and catch up after a start).',
    params: [
      { name: 'service_name', kind: 'choice', choices: ['module'], mandatory: true, positional: true, description: 'the service: module' },
      hostParam,
    ],
    args: z.object({ service_name: z.string(), host: hostArg('host').optional() }),
    examples: [a.example],
    jsonShape: 'ServiceActionOutput',
    async run(run, args) {
      run.coreAudits();
      const r = await (await loadCore())[a.fn](await run.context(), { host: args.host, service: args.service_name });
      if (run.flags.json) await run.io.out(JSON.stringify(r) + '\n');
      else await run.io.out(kvLines([['host', r.host], ['service', r.service], ['running', r.running], ['components', r.components.join(', ')]]));
      return 0;
    },
  }),
);

export const serviceCommands: CommandSpec[] = [getServicesCommand, ...serviceActionCommands];

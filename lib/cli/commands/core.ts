import { z } from 'zod';
import { INDENT, kvLines } from '../format/kv';
import { command, type CommandSpec } from '../spec';
import { loadCore } from '../load-core';

const getLicenseInfoCommand = command({
  name: 'getLicenseInfo',
  summary: 'The HA licence: the ZxHA module and the ha_basic feature, and how many accounts are HA-enabled',
  details: 'HA is licensed per enabled account: an account with at least one replica counts. setAccountDestination refuses to exceed the quantity.',
  params: [],
  args: z.object({}),
  examples: ['carbonio core getLicenseInfo', 'carbonio core getLicenseInfo | grep -e ZxHA -e ha_basic -A2'],
  jsonShape: 'LicenseInfoOutput',
  async run(run) {
    const core = await loadCore();
    const info = await core.getLicenseInfo(await run.context());
    if (run.flags.json) {
      await run.io.out(JSON.stringify(info) + '\n');
      return 0;
    }
    // The product's layout: modules, then features as list entries led by their name.
    let out = 'modules\n';
    out += `${INDENT}ZxHA\n` + kvLines([['quantity', info.ZxHA.quantity], ['licensed', info.ZxHA.licensed]], INDENT + INDENT);
    out += '\nfeatures\n';
    out += kvLines([['name', info.ha_basic.name], ['quantity', info.ha_basic.quantity], ['enabled', info.ha_basic.enabled]], INDENT + INDENT);
    out += '\n' + kvLines([['enabledAccounts', info.enabledAccounts]]);
    await run.io.out(out);
    return 0;
  },
});

export const coreCommands: CommandSpec[] = [getLicenseInfoCommand];

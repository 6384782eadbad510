import type { Scenario } from '../context';
import type { Goal } from '../result';
import type { ScenarioName } from '../scenario-names';
import { applyScenario, APPLY_GOAL } from './apply';
import { consoleScenario, CONSOLE_GOAL } from './console';
import { failoverScenario, FAILOVER_GOAL } from './failover';
import { lagScenario, LAG_GOAL } from './lag';
import { memoryScenario, MEMORY_GOAL } from './memory';
import { overheadScenario, OVERHEAD_GOAL } from './overhead';
import { publishScenario, PUBLISH_GOAL } from './publish';
import { statusScenario, STATUS_GOAL } from './status';
import { switchoverScenario, SWITCHOVER_GOAL } from './switchover';
import { syncScenario, SYNC_GOAL } from './sync';

/** Each scenario with the name, unit and goal its line carries when it cannot run. */
export const SCENARIOS: Record<ScenarioName, { run: Scenario; title: string; unit: string; goal: Goal }> = {
  publish: { run: publishScenario, title: 'publish throughput', unit: 'events/s', goal: PUBLISH_GOAL },
  apply: { run: applyScenario, title: 'apply throughput', unit: 'events/s', goal: APPLY_GOAL },
  lag: { run: lagScenario, title: 'end-to-end lag p99', unit: 'ms', goal: LAG_GOAL },
  overhead: { run: overheadScenario, title: 'synchronous write overhead p50', unit: 'ms', goal: OVERHEAD_GOAL },
  switchover: { run: switchoverScenario, title: 'switchover (one account)', unit: 's', goal: SWITCHOVER_GOAL },
  sync: { run: syncScenario, title: 'initial sync', unit: 'items/s', goal: SYNC_GOAL },
  failover: { run: failoverScenario, title: 'failover', unit: 's', goal: FAILOVER_GOAL },
  status: { run: statusScenario, title: 'status at scale p95', unit: 'ms', goal: STATUS_GOAL },
  console: { run: consoleScenario, title: 'console at scale', unit: 's', goal: CONSOLE_GOAL },
  memory: { run: memoryScenario, title: 'memory (peak RSS of a node)', unit: 'MiB', goal: MEMORY_GOAL },
};

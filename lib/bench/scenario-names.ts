/** Scenario ids, in run order (`--only` takes a comma-separated subset). */
export const SCENARIO_NAMES = ['publish', 'apply', 'lag', 'overhead', 'switchover', 'sync', 'failover', 'status', 'console', 'memory'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

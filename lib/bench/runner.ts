import type { BenchArgs } from './args';
import type { BenchContext } from './context';
import { cpuShare, readCpuTimes, type CpuShare } from './cpu-times';
import { createFixtures } from './fixtures';
import { machineInfo, type MachineInfo } from './machine';
import { PROFILES } from './profile';
import { failedResult, type BenchResult } from './result';
import { RssSampler } from './rss-sampler';
import { SCENARIO_NAMES, type ScenarioName } from './scenario-names';
import { SCENARIOS } from './scenarios';
import { consoleScenario } from './scenarios/console';
import { startWorld } from './world';

export interface BenchRun {
  results: BenchResult[];
  machine: { before: MachineInfo; after: MachineInfo };
  /** The machine's CPU over the whole run (absent where /proc/stat is not readable). */
  cpu?: CpuShare;
  profile: string;
  started: string[];
}

/** Creates and replicates the shared accounts of the selected scenarios at once, before any measurement. */
async function prepareFixtures(b: BenchContext, selected: Set<ScenarioName>, log: (l: string) => void) {
  const wants = (...names: ScenarioName[]) => names.some((n) => selected.has(n));
  const t0 = Date.now();
  const jobs: Promise<unknown>[] = [];
  if (wants('publish', 'apply', 'switchover')) jobs.push(b.fixtures.throughputAccounts());
  if (wants('lag', 'overhead', 'failover')) jobs.push(b.fixtures.protectedAccounts());
  if (wants('overhead')) jobs.push(b.fixtures.plainAccount());
  if (wants('lag')) jobs.push(b.fixtures.plainAccounts());
  const settled = await Promise.allSettled(jobs);
  for (const s of settled) if (s.status === 'rejected') log(`preparing accounts failed (the scenarios using them will fail): ${String(s.reason)}`);
  if (jobs.length) log(`accounts prepared in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/**
 * Starts what the benchmark needs (lib/bench/world.ts), runs the selected scenarios in order
 * (each after its own warm-up) and stops everything it started. A scenario that fails gives a
 * line with its error and the others still run. Each line carries how busy the machine's CPU
 * was during its scenario and how much of it the hypervisor took for other guests (steal): on a
 * shared virtual machine that share moves from minute to minute, and the figures with it.
 */
export async function runBench(args: BenchArgs, say: (line: string) => void = console.log): Promise<BenchRun> {
  const profile = PROFILES[args.profileName];
  const selected = new Set(args.only ?? SCENARIO_NAMES);
  const log = (l: string) => say(`[bench] ${l}`);
  const before = machineInfo();
  const cpuAtStart = readCpuTimes();
  const world = await startWorld({ prefix: args.dbPrefix, brokers: args.brokers, log });
  const rss = new RssSampler(() => Object.values(world.nodes).filter((n) => n.alive));
  const b: BenchContext = { world, profile, fixtures: createFixtures(world, profile), rss, log };
  const results: BenchResult[] = [];
  try {
    await prepareFixtures(b, selected, log);
    for (const name of SCENARIO_NAMES) {
      if (!selected.has(name)) continue;
      const s = SCENARIOS[name];
      const t0 = Date.now();
      const cpu0 = readCpuTimes();
      log(`${s.title}...`);
      let lines: BenchResult[];
      try {
        lines = name === 'console' ? await consoleScenario(b, { port: args.consolePort }) : await s.run(b);
        for (const r of lines) log(`${r.name}: ${r.value} ${r.unit} (${r.met ? 'goal met' : `goal ${r.goal} missed`}) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      } catch (err) {
        lines = [failedResult(s.title, s.unit, s.goal, err)];
        log(`${s.title} failed: ${(err as Error).stack ?? String(err)}`);
      }
      results.push(...withCpu(lines, cpuShare(cpu0, readCpuTimes())));
    }
  } finally {
    rss.stop();
    await world.close();
  }
  const cpu = cpuShare(cpuAtStart, readCpuTimes());
  return { results, machine: { before, after: machineInfo() }, ...(cpu ? { cpu } : {}), profile: profile.name, started: world.infra.started };
}

const withCpu = (lines: BenchResult[], cpu: CpuShare | undefined) => (cpu ? lines.map((r) => ({ ...r, cpu })) : lines);

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../config/paths';
import { createTestEnv, type TestEnv } from '../../tests/support/test-env';
import { BenchResultsSchema } from './result';
import { SCENARIOS } from './scenarios';

// `npm run bench` end to end at tiny sizes (--profile tiny) on the test stack: it must run every
// scenario and write JSON of the documented shape. Timings are never asserted: a benchmark is
// not a test.
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv('bench_smoke');
});
afterAll(async () => {
  await env?.cleanup();
});

function runBenchScript(args: string[]): Promise<{ code: number | null; output: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CARBONIO_DB_URL: env.dbUrl };
  delete childEnv.CARBONIO_HA_DB_URL;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', ...args], { cwd: projectRoot(), env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 1_500_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

it('runs every scenario and writes a JSON list of { name, value, unit, goal, limit, ratio, met }', async () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-')), 'results.json');
  const { code, output } = await runBenchScript(['--profile', 'tiny', '--brokers', env.brokers.join(','), '--db-prefix', env.prefix, '--out', out]);
  expect(code, output.slice(-4000)).toBe(0);
  const results = BenchResultsSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
  expect(results.map((r) => r.name)).toEqual(Object.values(SCENARIOS).map((s) => s.title));
  for (const r of results) {
    expect(r.error, r.name).toBeUndefined();
    expect(typeof r.value, r.name).toBe('number');
    expect(typeof r.met, r.name).toBe('boolean');
    if (r.cpu) expect(r.cpu.busyPercent + r.cpu.stealPercent, r.name).toBeLessThanOrEqual(100.1);
  }
  // Linux: the machine's CPU during each scenario that ran for a while, busy and stolen (the
  // memory line only reads the peaks the throughput runs sampled: no time passes).
  for (const r of results.filter((x) => x.name !== SCENARIOS.memory.title)) expect(r.cpu, r.name).toBeDefined();
  const withLimits = results.filter((r) => r.limit !== undefined).map((r) => r.name);
  expect(withLimits).toEqual(['publish throughput', 'apply throughput']);
  for (const r of results.filter((x) => x.limit !== undefined)) expect(r.ratio).toBeCloseTo(r.value! / r.limit!, 2);
  expect(output).toContain('| scenario | figure | goal | limit | ratio | met |');
  expect(output).toMatch(/over the run, CPU [\d.]+% busy, [\d.]+% stolen by the hypervisor/);
  expect(output).toMatch(/apply throughput: .*during the scenario, CPU [\d.]+% busy/);
}, 1_800_000);

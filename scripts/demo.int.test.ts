import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { projectRoot } from '../lib/config/paths';
import { portOpen } from '../lib/stack/processes';

// Runs the real `npm run demo` entry (scripts/demo.ts) in a data folder, database prefix and
// ports of its own, next to the test Kafka, as an administrator would on a fresh clone.
const dataDir = path.join(projectRoot(), '.data', 'test', 'demo-run');
// Nodes below the ephemeral range (32768+), where any outgoing connection or port-0 listener
// could hold one (37102 was taken twice in CI). Kafka keeps its port: the demo's HA database on
// the shared server remembers the broker list of earlier runs.
const ports = { console: 3190, kafka: 39092, nodes: 24101 };
const env = {
  ...process.env,
  CARBONIO_DB_URL: process.env.CARBONIO_TEST_DB_URL,
  CARBONIO_DB_PREFIX: 't_demo_run_',
  CARBONIO_DATA_DIR: dataDir,
  CARBONIO_CONSOLE_PORT: String(ports.console),
  CARBONIO_KAFKA_PORT: String(ports.kafka),
  CARBONIO_NODE_BASE_PORT: String(ports.nodes),
  CARBONIO_DEMO_ACCOUNTS: '300',
  CARBONIO_ADMIN_PASSWORD: 'demo-test-password',
};

function runDemo(): { child: ChildProcess; output: () => string; up: Promise<void> } {
  let out = '';
  // The demo entry itself (what `npm run demo` runs after its setup step), so SIGTERM reaches it rather than an npx wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: projectRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const up = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('demo is up')) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`demo exited with ${code}:\n${out}`));
    });
  });
  return { child, output: () => out, up };
}

async function stopDemo(child: ChildProcess) {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  return exited;
}

async function healthy(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === 200) return res.json();
    last = res ? await res.json().catch(() => res.status) : 'no answer';
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not healthy: ${JSON.stringify(last)}`);
}

const started: ChildProcess[] = [];

afterAll(async () => {
  // A failed assertion must not leave a demo running for the rest of the test run.
  for (const c of started) if (c.exitCode === null && c.signalCode === null) await stopDemo(c);
  rmSync(dataDir, { recursive: true, force: true });
});

it('npm run demo brings up Kafka, three mailstores and the console, healthy, then stops everything on SIGTERM; a second run reuses the data', async () => {
  const first = runDemo();
  await first.up;
  expect(first.output()).toContain(`Console     http://localhost:${ports.console}`);
  expect(first.output()).toContain('Sign in as  admin@example.com');
  const health = await healthy(`http://localhost:${ports.console}/api/health`, 30_000);
  expect(health.mailstores.map((m: { host: string }) => m.host).sort()).toEqual(['mailstore1.example.com', 'mbox1.example.com', 'mbox2.example.com']);
  const login = await fetch(`http://localhost:${ports.console}/login`);
  expect(login.status).toBe(200);
  expect(await login.text()).toMatch(/type="password"/);
  expect(first.output()).toMatch(/Directory: \d+ accounts \(\d+ new\)/);
  expect(await stopDemo(first.child)).toBe(0);
  for (const p of [ports.console, ports.kafka, ports.nodes, ports.nodes + 1, ports.nodes + 2]) expect(await portOpen(p)).toBe(false);

  const second = runDemo();
  await second.up;
  expect(second.output()).toMatch(/Directory: \d+ accounts \(0 new\)/);
  await healthy(`http://localhost:${ports.console}/api/health`, 30_000);
  expect(await stopDemo(second.child)).toBe(0);
}, 600_000);

it('a SIGTERM during start-up is honoured once the step under way returns: everything the demo started is stopped', async () => {
  const run = runDemo();
  run.up.catch(() => undefined);
  const deadline = Date.now() + 300_000;
  while (!/Kafka \S+ is up/.test(run.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(run.output()).toMatch(/Kafka \S+ is up/);
  expect(run.output()).not.toContain('demo is up');
  expect(await stopDemo(run.child)).toBe(0);
  expect(run.output()).toContain('SIGTERM: stopping everything as soon as the start-up under way returns');
  expect(run.output()).toContain('stopped');
  expect(run.output()).not.toContain('demo is up');
  for (const p of [ports.console, ports.kafka, ports.nodes, ports.nodes + 1, ports.nodes + 2]) expect(await portOpen(p)).toBe(false);
}, 600_000);

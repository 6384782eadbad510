import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config/paths';
import { MailboxClient } from '../mailstore/api-client';
import { NODE_RUNTIME_FLAGS } from '../node/bundle';
import { waitForReadyLine } from '../node/ready-line';

const HistogramSchema = z.object({ boundsMs: z.array(z.number()), counts: z.array(z.number()), count: z.number(), sumMs: z.number() });
const AgentStatsSchema = z.object({
  applied: z.number(),
  batches: z.number(),
  records: z.number(),
  latency: HistogramSchema,
  stages: z.object({ published: HistogramSchema, delivered: HistogramSchema, applied: HistogramSchema }),
});
export type AgentStatsView = z.infer<typeof AgentStatsSchema>;
const RelayStatsSchema = z.object({ published: z.number(), outbox: z.number(), batches: z.number(), failures: z.number() });

/**
 * A mailstore node run by the benchmark as a child process, from its bundle on plain `node` as in
 * production (lib/node/bundle.ts), no wrapper in between, so that its RSS is its own, it can be
 * SIGKILLed, and its HA module stopped and started through its API.
 */
export class BenchNode {
  readonly api: MailboxClient;
  private constructor(readonly host: string, readonly apiUrl: string, readonly child: ChildProcess) {
    this.api = new MailboxClient(apiUrl);
  }

  static async spawn(host: string, env: NodeJS.ProcessEnv, logDir: string, blobDir: string, bundle: string): Promise<BenchNode> {
    mkdirSync(logDir, { recursive: true });
    const logFile = path.join(logDir, `${host}.log`);
    const out = createWriteStream(logFile, { flags: 'a' });
    // CARBONIO_BENCH_NODE_ARGS adds Node flags to every node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a run.
    const extra = (process.env.CARBONIO_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
    const args = [...NODE_RUNTIME_FLAGS, ...extra, bundle, '--host', host, '--port', '0', '--blob-dir', blobDir];
    // stdin is a pipe and EXIT_WITH_PARENT set: a crashed benchmark leaves no node behind.
    const child = spawn(process.execPath, args, { cwd: projectRoot(), env: { ...env, CARBONIO_EXIT_WITH_PARENT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.pipe(out, { end: false });
    const apiUrl = await waitForReadyLine(child, host, { timeoutMs: 120_000, label: 'mailstore', hint: `; see ${logFile}`, onData: (d) => out.write(d) });
    child.stdout!.pipe(out, { end: false });
    return new BenchNode(host, apiUrl, child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident memory now and its peak so far (VmRSS, VmHWM), MiB; undefined once the process is gone. */
  memory(): { rssMiB: number; peakMiB: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  private async get<T>(p: string, schema: z.ZodType<T>): Promise<T> {
    const res = await fetch(`${this.apiUrl}${p}`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`GET ${p} on ${this.host} answered ${res.status}: ${await res.text()}`);
    return schema.parse(await res.json());
  }

  agentStats(): Promise<AgentStatsView> {
    return this.get('/api/agent/stats', AgentStatsSchema);
  }

  relayStats(): Promise<z.infer<typeof RelayStatsSchema>> {
    return this.get('/api/relay', RelayStatsSchema);
  }

  /** Stops or starts the node's HA module (publisher, agent, snapshots, status, operations). */
  async module(action: 'start' | 'stop') {
    const res = await fetch(`${this.apiUrl}/api/services/module/${action}`, { method: 'POST', signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`${action} of the HA module on ${this.host} answered ${res.status}: ${await res.text()}`);
  }

  kill() {
    if (this.alive) this.child.kill('SIGKILL');
  }

  async stop(graceMs = 15_000) {
    if (!this.alive) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

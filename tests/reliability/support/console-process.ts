import path from 'node:path';
import { projectRoot } from '../../../lib/config/paths';
import { ensureConsoleBuild } from '../../../lib/stack/console-build';
import { startChild, type ManagedChild } from '../../../lib/stack/child-process';
import { killTree } from '../../../lib/replication/agent-test-env';

/**
 * The real console as its own process (`next start` on the last `next build`, built first when
 * stale, exactly as the e2e stack does), so a test can SIGKILL it and start it again.
 */
export class ConsoleProcess {
  private child?: ManagedChild;
  readonly url: string;

  constructor(private readonly port: number, private readonly env: NodeJS.ProcessEnv, private readonly logFile: string) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static build(log: (l: string) => void) {
    ensureConsoleBuild(projectRoot(), log);
  }

  async start() {
    const root = projectRoot();
    this.child = await startChild({
      name: 'console', cmd: process.execPath,
      args: [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(this.port), '-H', '127.0.0.1'],
      env: { ...this.env, NEXT_TELEMETRY_DISABLED: '1' }, cwd: root, logFile: this.logFile,
      ready: (l) => /Ready in|started server/i.test(l), timeoutMs: 90_000,
    });
  }

  /** SIGKILL of the console and everything it started: no graceful shutdown. */
  kill() {
    killTree(this.child?.child.pid, 'SIGKILL');
    this.child = undefined;
  }

  get pid() {
    return this.child?.child.pid;
  }
}

/** A signed-in administrator talking to the console's HTTP API (cookie and Origin as a browser sends them). */
export class ConsoleApi {
  private cookie = '';

  constructor(private readonly base: () => string) {}

  async login(email: string, password: string) {
    const res = await this.call('POST', '/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  }

  async json<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.call(method, route, body);
    return { status: res.status, body: (await res.json()) as T };
  }

  private call(method: string, route: string, body?: unknown) {
    const base = this.base();
    return fetch(`${base}${route}`, {
      method,
      headers: { origin: new URL(base).origin, ...(this.cookie ? { cookie: this.cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { StackError } from './java';
import { tail } from './processes';

export interface ManagedChild {
  name: string;
  child: ChildProcess;
  logFile: string;
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a child process of the stack with its output in logFile, and waits until `ready`
 * sees a line announcing readiness (or the process exits, which is reported with the log tail).
 */
export async function startChild(o: {
  name: string;
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
  ready: (line: string) => boolean;
  timeoutMs: number;
}): Promise<ManagedChild> {
  mkdirSync(path.dirname(o.logFile), { recursive: true });
  const out = createWriteStream(o.logFile, { flags: 'a' });
  const child = spawn(o.cmd, o.args, { cwd: o.cwd, env: { ...o.env, CARBONIO_EXIT_WITH_PARENT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new StackError(`${o.name} did not become ready within ${o.timeoutMs / 1000} s; see ${o.logFile}`)), o.timeoutMs);
    const onData = (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      if (lines.some(o.ready)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      setTimeout(() => reject(new StackError(`${o.name} exited with code ${code} during start-up. Last lines of ${o.logFile}:\n${tail(o.logFile)}`)), 100);
    });
  });
  return {
    name: o.name,
    child,
    logFile: o.logFile,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      out.end();
    },
  };
}

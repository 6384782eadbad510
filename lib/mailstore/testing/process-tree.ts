import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../config/paths';
import { waitForReadyLine } from '../../node/ready-line';

/**
 * Starts a mailstore node as one process (`node --import tsx bin/mailstore-node.ts`, no npx in
 * between, so a SIGKILL of the node is the death of the child) in its own process group, which
 * the test can stop as a whole. The child is pushed to `track` before start-up completes, so
 * even a node that never became ready is stopped.
 */
export async function spawnNodeGroup(host: string, env: NodeJS.ProcessEnv, track: ChildProcess[], timeoutMs = 90_000): Promise<{ child: ChildProcess; apiUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/mailstore-node.ts', '--host', host, '--port', '0', '--centralized', 'true'], {
    cwd: projectRoot(), env, stdio: ['ignore', 'pipe', 'inherit'], detached: true,
  });
  track.push(child);
  const apiUrl = await waitForReadyLine(child, host, { timeoutMs });
  return { child, apiUrl };
}

/** How a child process ended (signal name or exit code), waiting for it. */
export const exited = (child: ChildProcess) => new Promise<NodeJS.Signals | number | null>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
  else child.once('exit', (code, signal) => resolve(signal ?? code));
});

/** Signals the child's whole process group and waits (bounded) until the child exited. */
export async function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  if (!child.pid) return;
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is gone
    }
  };
  kill(signal);
  await Promise.race([exited(child), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  kill('SIGKILL');
}

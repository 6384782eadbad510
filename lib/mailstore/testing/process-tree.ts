import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** Every descendant pid of a process, deepest first (`npx tsx` leaves two levels below it). */
export function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((s) => Number(s.trim())).filter(Boolean);
  } catch {
    return [];
  }
  return children.flatMap((c) => [...descendants(c), c]);
}

/**
 * Signals a spawned node and every process under it, then waits until the top one exited:
 * signalling only `npx` leaves the real node process running.
 */
export async function stopTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  if (!child.pid) return;
  const pids = [...descendants(child.pid), child.pid];
  const done = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  const timer = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
  await Promise.race([done, timer]);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited cleanly
    }
  }
}

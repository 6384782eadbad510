import { execFileSync } from 'node:child_process';

/**
 * True when a vitest run other than this process (and its own parents and workers) is alive.
 * On a machine shared by several engineers, the run that happened to start the test Kafka must
 * not stop it at its end while other runs still use it.
 */
export function otherTestRunsAlive(self = process.pid): boolean {
  let text: string;
  try {
    text = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  } catch {
    return false;
  }
  const procs = text.trim().split('\n').map((line) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    return m ? { pid: Number(m[1]), ppid: Number(m[2]), args: m[3] } : undefined;
  }).filter((p): p is { pid: number; ppid: number; args: string } => Boolean(p));
  const parentOf = new Map(procs.map((p) => [p.pid, p.ppid]));
  const family = new Set<number>([self]);
  for (let p = parentOf.get(self); p && !family.has(p); p = parentOf.get(p)) family.add(p);
  const isMine = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parentOf.get(p), hops++) if (p === self) return true;
    return family.has(pid);
  };
  return procs.some((p) => /\bvitest\b/.test(p.args) && !isMine(p.pid));
}

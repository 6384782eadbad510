import { readFileSync } from 'node:fs';

/** The machine's cumulative CPU time (all CPUs, in clock ticks) from the `cpu` line of /proc/stat. */
export interface CpuTimes {
  total: number;
  idle: number;
  steal: number;
}

/** How the CPU time between two readings was spent, in percent of all of it. */
export interface CpuShare {
  /** Running anything (user, system, interrupts), neither idle nor stolen. */
  busyPercent: number;
  /** Taken by the hypervisor for other guests: time this machine's CPUs could not run at all. */
  stealPercent: number;
}

/**
 * Parses the aggregate `cpu` line: user nice system idle iowait irq softirq steal [guest
 * guest_nice]. Guest time is already counted in user and nice, so it is left out of the total.
 */
export function parseCpuTimes(procStat: string): CpuTimes {
  const line = procStat.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('no aggregate "cpu" line in /proc/stat');
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (f.length < 4 || f.some((x) => !Number.isFinite(x))) throw new Error(`unreadable "cpu" line in /proc/stat: ${line}`);
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, steal };
}

/** The machine's CPU times now, or undefined where /proc/stat does not exist (not Linux). */
export function readCpuTimes(file = '/proc/stat'): CpuTimes | undefined {
  try {
    return parseCpuTimes(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Fewer clock ticks than this between two readings (about 50 ms on two CPUs) give no share: a
 * step that reads figures only (the memory line) may see one tick, and call it 100% busy.
 */
export const MIN_TICKS = 10;

/** The share of busy and stolen time between two readings (undefined if either is missing or too little time passed). */
export function cpuShare(before: CpuTimes | undefined, after: CpuTimes | undefined): CpuShare | undefined {
  if (!before || !after) return undefined;
  const total = after.total - before.total;
  if (total < MIN_TICKS) return undefined;
  const steal = after.steal - before.steal;
  const idle = after.idle - before.idle;
  const pct = (x: number) => Math.round((1000 * x) / total) / 10;
  return { busyPercent: pct(total - idle - steal), stealPercent: pct(steal) };
}

export function describeCpuShare(s: CpuShare): string {
  return `CPU ${s.busyPercent}% busy, ${s.stealPercent}% stolen by the hypervisor`;
}

/** What a measured step returned, with the machine's CPU share while it ran. */
export interface Measured<T> {
  value: T;
  cpu?: CpuShare;
}

/** Runs `fn` and gives what it returned with the machine's CPU share while it ran. */
export async function withCpuShare<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  const before = readCpuTimes();
  const value = await fn();
  return { value, cpu: cpuShare(before, readCpuTimes()) };
}

/** "x% stolen during the run, y% during its limit": whether a figure and its limit ran on the same machine. */
export function describeStealPair(run?: CpuShare, limit?: CpuShare): string {
  return run && limit ? `; CPU stolen by the hypervisor: ${run.stealPercent}% during the run, ${limit.stealPercent}% during the limit` : '';
}

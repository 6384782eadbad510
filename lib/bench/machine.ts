import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: [number, number, number];
  node: string;
}

/** What the figures ran on: `nproc`, CPU model, memory and the load average at this moment. */
export function machineInfo(): MachineInfo {
  let cpus = os.availableParallelism();
  try {
    // A cgroup CPU quota (containers) may allow fewer CPUs than the host shows.
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (quota !== 'max') cpus = Math.min(cpus, Math.max(1, Math.round(Number(quota) / Number(period))));
  } catch {
    /* no cgroup v2 limit */
  }
  const la = os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];
  return { cpus, cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: la, node: process.version };
}

export function describeMachine(m: MachineInfo): string {
  return `${m.cpus} CPU (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, load average ${m.loadAverage.join(' / ')}`;
}

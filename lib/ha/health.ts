import { checkBrokers } from '../kafka';
import { securityFromEnv } from '../kafka/settings';
import type { HaContext } from './context';

/** A mailstore counts as up while its heartbeat is younger than this. */
export const HEARTBEAT_FRESH_MS = 5000;

export interface HealthReport {
  ok: boolean;
  /** The parts that fail, e.g. "kafka", "database", "mailstore mbox1.example.com". */
  failing: string[];
  database: { ok: boolean; latencyMs?: number; error?: string };
  kafka: { ok: boolean; brokers: { broker: string; reachable: boolean; latencyMs?: number; error?: string }[]; error?: string };
  mailstores: { host: string; ok: boolean; heartbeatAgeMs: number | null; moduleRunning: boolean; agentAlive: boolean; kafkaReachable: boolean }[];
  checkedAt: string;
}

/** The state of the database, Kafka and every registered mailstore, for GET /api/health. */
export async function getHealth(ctx: Pick<HaContext, 'db' | 'cluster'>): Promise<HealthReport> {
  const failing: string[] = [];
  const t0 = performance.now();
  let database: HealthReport['database'];
  let servers: { host: string; heartbeatAt: Date | null; moduleRunning: number; agentAlive: number; kafkaReachable: number }[] = [];
  try {
    servers = await ctx.db.query('SELECT host, heartbeatAt, moduleRunning, agentAlive, kafkaReachable FROM mailstore_server ORDER BY host');
    database = { ok: true, latencyMs: Math.round(performance.now() - t0) };
  } catch (err) {
    database = { ok: false, error: (err as Error).message };
    failing.push('database');
  }
  let kafka: HealthReport['kafka'];
  try {
    const checks = await checkBrokers(await ctx.cluster.brokers(), securityFromEnv(), 2000);
    kafka = { ok: checks.every((c) => c.reachable), brokers: checks.map(({ broker, reachable, latencyMs, error }) => ({ broker, reachable, latencyMs, error })) };
  } catch (err) {
    kafka = { ok: false, brokers: [], error: (err as Error).message };
  }
  if (!kafka.ok) failing.push('kafka');
  const now = Date.now();
  const mailstores = servers.map((s) => {
    const age = s.heartbeatAt ? now - new Date(s.heartbeatAt).getTime() : null;
    const ok = age !== null && age < HEARTBEAT_FRESH_MS;
    if (!ok) failing.push(`mailstore ${s.host}`);
    return { host: s.host, ok, heartbeatAgeMs: age, moduleRunning: Boolean(s.moduleRunning), agentAlive: Boolean(s.agentAlive), kafkaReachable: Boolean(s.kafkaReachable) };
  });
  if (database.ok && mailstores.length === 0) failing.push('mailstores (none registered yet)');
  return { ok: failing.length === 0, failing, database, kafka, mailstores, checkedAt: new Date().toISOString() };
}

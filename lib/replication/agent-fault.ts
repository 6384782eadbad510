/**
 * TEST-ONLY fault injection for the agent's crash tests. `CARBONIO_AGENT_FAULT=<point>[:<n>]`
 * makes the process SIGKILL itself the n-th time (default 1st) a batch that applied events
 * reaches `<point>`:
 *   kill-before-commit   rows and positions written, database transaction not committed
 *   kill-after-commit    database committed, Kafka offsets not committed (the batch is redelivered)
 *   kill-mid-snapshot    (source side) a snapshot chunk acknowledged by Kafka and its cursor recorded
 *   kill-mid-snapshot-apply  (destination side) a batch holding snapshot chunks of an account
 *                        without that account's snapshot end, committed to the database, Kafka
 *                        offsets not committed
 * Never set it in production: the process dies on purpose.
 */
export type AgentFaultPoint = 'kill-before-commit' | 'kill-after-commit' | 'kill-mid-snapshot' | 'kill-mid-snapshot-apply';

const reached = new Map<string, number>();

export function agentFault(point: AgentFaultPoint, env: Record<string, string | undefined> = process.env): void {
  const spec = env.CARBONIO_AGENT_FAULT;
  if (!spec) return;
  const [name, nth] = spec.split(':');
  if (name !== point) return;
  const n = (reached.get(point) ?? 0) + 1;
  reached.set(point, n);
  if (n === Number(nth ?? 1)) {
    process.stderr.write(`CARBONIO_AGENT_FAULT: ${point} reached (#${n}), killing the process\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

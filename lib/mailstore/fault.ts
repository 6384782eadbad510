/**
 * TEST-ONLY fault injection for the crash tests. `CARBONIO_FAULT=<point>[:<n>]` makes the
 * process kill itself with SIGKILL the n-th time (default 1st) it reaches `<point>`:
 *   exit-after-commit   a protected write committed (event in the outbox), nothing published
 *   exit-after-publish  Kafka acknowledged a batch, its outbox rows not yet deleted
 * Never set it in production: the process dies on purpose.
 */
export type FaultPoint = 'exit-after-commit' | 'exit-after-publish';

const counts = new Map<string, number>();

export function faultPoint(point: FaultPoint, env: Record<string, string | undefined> = process.env): void {
  const spec = env.CARBONIO_FAULT;
  if (!spec) return;
  const [name, nth] = spec.split(':');
  if (name !== point) return;
  const n = (counts.get(point) ?? 0) + 1;
  counts.set(point, n);
  if (n === Number(nth ?? 1)) {
    process.stderr.write(`CARBONIO_FAULT: ${point} reached (#${n}), killing the process\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

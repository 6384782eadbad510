import { createPool } from '../db/pool';
import { HaError, TimeoutError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import { AckedLog } from './acked-log';
import { chooseOp } from './mix';
import { resolveAccounts } from './resolve';
import { TrafficAccount } from './traffic-account';

export interface TrafficOptions {
  haDbUrl: string;
  /** Account names (exact addresses). */
  accounts: string[];
  /** Operations per second over all accounts. */
  rate: number;
  seconds: number;
  /** Appends each acknowledged operation as one JSON line. */
  ackedLog?: string;
  signal?: AbortSignal;
  log?: Logger;
  /** Operations in flight at once per account (default 2). */
  perAccountConcurrency?: number;
  onProgress?: (c: TrafficCounts) => void;
}

export interface TrafficCounts {
  attempted: number;
  acked: number;
  /** Acknowledged after Kafka had the event (protected accounts). */
  replicated: number;
  failed: number;
  /** Ticks when every account already had its operations in flight. */
  skipped: number;
  /** Times an account was found on another mailstore than before (a promotion followed). */
  moved: number;
  byAction: Record<string, number>;
  errors: Record<string, number>;
  /** The first message of each error code, to say why operations failed. */
  firstErrors: Record<string, string>;
  /** Latency of acknowledged operations, ms. */
  latency: { p50: number; p95: number; max: number };
  elapsedMs: number;
}

/**
 * Runs a realistic mix of mailbox operations at `rate` per second for `seconds` (counted once
 * every account has had its first look at its mailbox) against each account's current mailHost,
 * following promotions (on a fenced answer or a dead node it looks the account up again), and
 * logs every acknowledged operation. Resolves with the counts.
 */
export async function runTraffic(opts: TrafficOptions): Promise<TrafficCounts> {
  const log = opts.log ?? silentLogger;
  const haDb = createPool(opts.haDbUrl, { connectionLimit: 2 });
  const acked = new AckedLog(opts.ackedLog);
  const counts: TrafficCounts = { attempted: 0, acked: 0, replicated: 0, failed: 0, skipped: 0, moved: 0, byAction: {}, errors: {}, firstErrors: {}, latency: { p50: 0, p95: 0, max: 0 }, elapsedMs: 0 };
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let t0 = Date.now();
  try {
    const resolved = await resolveAccounts(haDb, opts.accounts);
    const accounts = resolved.map((r) => new TrafficAccount(r, () => resolveAccounts(haDb, [r.name]).then((x) => x[0])));
    await firstLookAtEach(accounts, opts.signal);
    t0 = Date.now();
    const perAccount = opts.perAccountConcurrency ?? 2;
    let started = 0;
    let turn = 0;
    let lastProgress = t0;
    while (!opts.signal?.aborted && Date.now() - t0 < opts.seconds * 1000) {
      const due = Math.floor(((Date.now() - t0) / 1000) * opts.rate) - started;
      for (let k = 0; k < due; k++) {
        started++;
        const idx = nextFree(accounts, turn, perAccount);
        if (idx < 0) {
          counts.skipped++;
          continue;
        }
        const acct = accounts[idx];
        turn = (idx + 1) % accounts.length;
        const p = runOne(acct, counts, acked, log, latencies).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (opts.onProgress && Date.now() - lastProgress >= 1000) {
        lastProgress = Date.now();
        opts.onProgress({ ...counts, elapsedMs: Date.now() - t0 });
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.allSettled([...inFlight]);
  } finally {
    await acked.close();
    await haDb.end();
  }
  counts.elapsedMs = Date.now() - t0;
  counts.latency = percentiles(latencies);
  return counts;
}

/**
 * Every account's first look at its mailbox (provision, folders, tags, inbox), a few at a time,
 * before the clock starts: at 2,000 operations/s over 1,000 accounts these reads all came in the
 * first second and the mailstore spent the measured window answering them. A failure is left
 * for the account's first operation to retry.
 */
async function firstLookAtEach(accounts: TrafficAccount[], signal?: AbortSignal, concurrency = 8) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, accounts.length) }, async () => {
    while (next < accounts.length && !signal?.aborted) await accounts[next++].ready().catch(() => undefined);
  }));
}

function nextFree(accounts: TrafficAccount[], turn: number, perAccount: number): number {
  for (let i = 0; i < accounts.length; i++) {
    const idx = (turn + i) % accounts.length;
    if (accounts[idx].inFlight < perAccount) return idx;
  }
  return -1;
}

const SAMPLE_SIZE = 10_000;

/** Reservoir sampling: a long run (the demo's background traffic) keeps a bounded sample. */
function sample(into: number[], value: number, seen: number) {
  if (into.length < SAMPLE_SIZE) into.push(value);
  else {
    const i = Math.floor(Math.random() * (seen + 1));
    if (i < SAMPLE_SIZE) into[i] = value;
  }
}

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10 : 0);
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function runOne(acct: TrafficAccount, counts: TrafficCounts, acked: AckedLog, log: Logger, latencies: number[]) {
  acct.inFlight++;
  counts.attempted++;
  let action = 'bootstrap';
  try {
    const { api, host } = await acct.ready();
    const op = chooseOp(acct.model);
    action = op.action;
    const t0 = performance.now();
    const r = await op.run(api, acct.accountId, acct.model, Math.random);
    sample(latencies, performance.now() - t0, counts.acked);
    counts.acked++;
    if (r.replicated) counts.replicated++;
    counts.byAction[action] = (counts.byAction[action] ?? 0) + 1;
    acked.write({ account: acct.name, accountId: acct.accountId, op: r.op, action, seq: r.seq, itemIds: r.itemIds, created: r.created, host, replicated: r.replicated, at: new Date().toISOString() });
  } catch (err) {
    counts.failed++;
    const code = err instanceof TimeoutError ? 'timeout' : (err as { connection?: boolean }).connection ? 'connection' : err instanceof HaError ? err.code : 'error';
    counts.errors[code] = (counts.errors[code] ?? 0) + 1;
    counts.firstErrors[code] ??= (err as Error).message;
    if (code === 'fenced' || code === 'connection' || code === 'timeout' || code === 'conflict') {
      // A failed look-up (database busy or down) leaves the account where it was; the next operation retries.
      if (await acct.relocate().catch(() => false)) counts.moved++;
    }
    log.debug({ account: acct.name, action, code, err: (err as Error).message }, 'traffic operation not acknowledged');
  } finally {
    acct.inFlight--;
  }
}

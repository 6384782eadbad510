import { ForbiddenError, ValidationError } from '../errors';
import { GetAccountStatusInput, type GetAccountStatusQuery } from '../schemas/commands';
import type { AccountStatusPage, AccountStatusView, ReplicaState, ReplicaStatusView } from '../schemas/views';
import type { HaContext } from './context';
import { ALIVE_SECONDS, countSql, filterParts, pageIdsSql } from './get-account-status-sql';
import { readableDomains } from './operations/access';
import { parseCommandInput } from './operations/input';
import { nameProblem } from './resolve-accounts';

interface Liveness {
  nodesUp: Set<string>;
  agentsAlive: Set<string>;
  /** Every registered mailstore whose agent is not alive. */
  agentsDown: string[];
}

async function liveness(ctx: HaContext): Promise<Liveness> {
  const rows: { host: string; agentAlive: number; up: number }[] = await ctx.db.query(
    `SELECT host, agentAlive, heartbeatAt > NOW(3) - INTERVAL ${ALIVE_SECONDS} SECOND AS up FROM mailstore_server`);
  const up = rows.filter((r) => Number(r.up) === 1);
  return {
    nodesUp: new Set(up.map((r) => r.host)),
    agentsAlive: new Set(up.filter((r) => Number(r.agentAlive) === 1).map((r) => r.host)),
    agentsDown: rows.filter((r) => Number(r.up) !== 1 || Number(r.agentAlive) !== 1).map((r) => r.host),
  };
}

/** The domain ids the query is limited to (the filter, intersected with a domain administrator's scope), or null for all. */
async function domainScope(ctx: HaContext, q: GetAccountStatusQuery): Promise<number[] | null> {
  const allowed = readableDomains(ctx.actor);
  let names = q.domains?.map((d) => d.toLowerCase()) ?? null;
  if (allowed) {
    const outside = (names ?? []).filter((d) => !allowed.includes(d));
    if (outside.length) throw new ForbiddenError(`You may only read the status of your domains (${allowed.join(', ') || 'none'}); not ${outside.join(', ')}.`);
    names = names ?? allowed;
  }
  if (!names) return null;
  if (names.length === 0) return [];
  const rows: { id: number }[] = await ctx.db.query('SELECT id FROM domain WHERE name IN (?)', [names]);
  return rows.map((r) => r.id);
}

function parseQuery(input: GetAccountStatusInput): GetAccountStatusQuery {
  const q = parseCommandInput('getAccountStatus', GetAccountStatusInput, input);
  const bad = (q.accounts ?? []).map((n) => ({ n, p: nameProblem(n.trim()) })).filter((x) => x.p);
  if (bad.length) throw new ValidationError(`getAccountStatus refused: ${bad.slice(0, 5).map((b) => b.p).join('; ')}`, bad.map((b) => ({ field: b.n, message: b.p! })));
  return { ...q, accounts: q.accounts?.map((n) => n.trim()) };
}

type AccountRow = { id: string; name: string; mailHost: string; haPaused: number; mailboxId: number | null; sequence: number | null; itemId: number | null; updatedAt: Date | null };

async function readPage(ctx: HaContext, q: GetAccountStatusQuery, live: Liveness, domainIds: number[] | null, page: { offset: number; limit: number; afterName?: string }) {
  const { sql, params } = pageIdsSql(q, filterParts(q, domainIds, { alive: [...live.agentsAlive], down: live.agentsDown }), page);
  const ids: { accountId: string }[] = await ctx.db.query(sql, params);
  if (ids.length === 0) return [];
  const rows: AccountRow[] = await ctx.db.query(
    `SELECT s.accountId AS id, s.accountName AS name, s.mailHost, s.paused AS haPaused, s.mailboxId, s.sequence, s.itemId, s.updatedAt
       FROM account_status s WHERE s.accountId IN (?)`, [ids.map((r) => r.accountId)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return toViews(ctx, ids.map((r) => byId.get(r.accountId)).filter((r): r is AccountRow => Boolean(r)), live);
}

async function toViews(ctx: HaContext, rows: AccountRow[], live: Liveness): Promise<AccountStatusView[]> {
  if (rows.length === 0) return [];
  const reps: Record<string, unknown>[] = await ctx.db.query(
    `SELECT r.accountId, r.destination, r.priority, r.state, r.lastError AS replicaError,
            rs.mailboxId, rs.sequence, rs.itemId, rs.canConnectToKafka, rs.lagEvents, rs.lagSeconds, rs.lastError, rs.updatedAt
       FROM replica r LEFT JOIN replica_status rs ON rs.replicaId = r.id
      WHERE r.accountId IN (?) ORDER BY r.priority, r.destination`, [rows.map((r) => r.id)]);
  const byAccount = new Map<string, ReplicaStatusView[]>();
  for (const r of reps) {
    const destination = String(r.destination);
    const state = r.state as ReplicaState;
    const view: ReplicaStatusView = {
      accountId: String(r.accountId), itemId: Number(r.itemId ?? 0), sequence: Number(r.sequence ?? 0), mailboxId: r.mailboxId == null ? null : Number(r.mailboxId),
      destination, available: state === 'active' && live.agentsAlive.has(destination), priority: Number(r.priority),
      canConnectToKafka: Boolean(Number(r.canConnectToKafka ?? 0)) && live.nodesUp.has(destination), state,
      lagEvents: Number(r.lagEvents ?? 0), lagSeconds: Number(r.lagSeconds ?? 0),
      lastError: (r.lastError as string | null) ?? (r.replicaError as string | null) ?? null,
      updatedAt: r.updatedAt ? (r.updatedAt as Date).toISOString() : null,
    };
    byAccount.set(view.accountId, [...(byAccount.get(view.accountId) ?? []), view]);
  }
  return rows.map((a) => ({
    accountId: a.id, accountName: a.name, accountMailHost: a.mailHost, paused: Boolean(Number(a.haPaused)),
    mailboxId: a.mailboxId ? Number(a.mailboxId) : null, sequence: Number(a.sequence ?? 0), itemId: Number(a.itemId ?? 0),
    updatedAt: a.updatedAt ? a.updatedAt.toISOString() : null, replicas: byAccount.get(a.id) ?? [],
  }));
}

/**
 * The status of replicated accounts (DESIGN.md §5), read only from the HA database's
 * materialized status, so it answers with every mailstore down. Filters combine; replica
 * filters hold on one same replica; sorting and pagination happen in SQL.
 */
export async function getAccountStatus(ctx: HaContext, input: GetAccountStatusInput): Promise<AccountStatusPage> {
  const q = parseQuery(input);
  const readAt = new Date();
  const [live, domainIds] = await Promise.all([liveness(ctx), domainScope(ctx, q)]);
  const count = countSql(filterParts(q, domainIds, { alive: [...live.agentsAlive], down: live.agentsDown }));
  const [[{ total }], accounts] = await Promise.all([
    ctx.db.query(count.sql, count.params) as Promise<{ total: number }[]>,
    readPage(ctx, q, live, domainIds, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }),
  ]);
  return { total: Number(total), page: q.page, pageSize: q.pageSize, accounts, readAt: readAt.toISOString() };
}

/**
 * Every matching account, one page at a time (keyset pagination when sorted by name), so a
 * caller such as the CLI can print 100,000 accounts without holding them in memory.
 */
export async function* streamAccountStatus(ctx: HaContext, input: GetAccountStatusInput): AsyncIterable<AccountStatusView> {
  const q = parseQuery({ ...input, page: 1, pageSize: 500 });
  const [live, domainIds] = await Promise.all([liveness(ctx), domainScope(ctx, q)]);
  const byName = q.sort === 'accountName' && q.order === 'asc';
  let offset = 0;
  let afterName: string | undefined;
  for (;;) {
    const page = await readPage(ctx, q, live, domainIds, byName ? { offset: 0, limit: 500, afterName } : { offset, limit: 500 });
    for (const a of page) yield a;
    if (page.length < 500) return;
    offset += page.length;
    afterName = page[page.length - 1].accountName;
  }
}


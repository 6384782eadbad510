import type { Conn } from '../../db/pool';
import { NotFoundError } from '../../errors';
import type { Actor } from '../../schemas/common';
import type { OperationDetail, OperationItemView, OperationKind, OperationState, OperationView } from '../../schemas/views';
import type { HaContext } from '../context';
import { readableDomains } from './access';

export interface NewOperationItem {
  accountId: string | null;
  accountName: string;
  destination: string | null;
  state?: 'pending' | 'succeeded' | 'failed' | 'skipped';
  message?: string | null;
}

/** Inserts an operation (state queued) and its items inside the caller's transaction. */
export async function insertOperation(conn: Conn, op: { id: string; kind: OperationKind; params: unknown; actor: Actor; items: NewOperationItem[] }) {
  const done = op.items.filter((i) => i.state && i.state !== 'pending').length;
  const failed = op.items.filter((i) => i.state === 'failed').length;
  await conn.query('INSERT INTO operation (id, kind, state, params, total, done, failed, actor, origin) VALUES (?, ?, \'queued\', ?, ?, ?, ?, ?, ?)',
    [op.id, op.kind, JSON.stringify(op.params), op.items.length, done, failed, op.actor.email.slice(0, 320), op.actor.origin]);
  const rows = op.items.map((i) => [op.id, i.accountId, i.accountName, i.destination, i.state ?? 'pending', i.message ?? null]);
  for (let i = 0; i < rows.length; i += 5000) {
    await conn.batch('INSERT INTO operation_item (operationId, accountId, accountName, destination, state, message) VALUES (?, ?, ?, ?, ?, ?)', rows.slice(i, i + 5000));
  }
}

type OperationRow = {
  id: string; kind: OperationKind; state: OperationState; params: unknown; total: number; done: number; failed: number; message: string | null;
  actor: string; origin: string; createdAt: Date; startedAt: Date | null; endedAt: Date | null;
};

export function toOperationView(r: OperationRow): OperationView {
  return {
    id: r.id, kind: r.kind, state: r.state, params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
    total: Number(r.total), done: Number(r.done), failed: Number(r.failed), message: r.message, actor: r.actor, origin: r.origin,
    createdAt: r.createdAt.toISOString(), startedAt: r.startedAt?.toISOString() ?? null, endedAt: r.endedAt?.toISOString() ?? null,
  };
}

const OP_COLS = 'o.id, o.kind, o.state, o.params, o.total, o.done, o.failed, o.message, o.actor, o.origin, o.createdAt, o.startedAt, o.endedAt';
const domainOf = "SUBSTRING_INDEX(i.accountName, '@', -1)";

/** An operation with its items (paged: 1,000 by default), e.g. for `carbonio ha monitor <uuid>`. */
export async function getOperation(ctx: HaContext, id: string, opts: { itemsOffset?: number; itemsLimit?: number } = {}): Promise<OperationDetail> {
  const domains = readableDomains(ctx.actor);
  const [row]: OperationRow[] = await ctx.db.query(`SELECT ${OP_COLS} FROM operation o WHERE o.id = ?`, [id]);
  if (!row) throw new NotFoundError(`No operation ${id}: check the uuid (carbonio ha monitor <operation_uuid>).`);
  const scope = domains ? ` AND ${domainOf} IN (?)` : '';
  const scopeParams = domains ? [domains.length ? domains : ['']] : [];
  const [{ n }] = await ctx.db.query(`SELECT COUNT(*) AS n FROM operation_item i WHERE i.operationId = ?${scope}`, [id, ...scopeParams]);
  if (domains && Number(n) === 0) throw new NotFoundError(`No operation ${id} concerns your domains.`);
  const limit = Math.min(Math.max(opts.itemsLimit ?? 1000, 1), 10_000);
  const offset = Math.max(opts.itemsOffset ?? 0, 0);
  const items: { accountId: string | null; accountName: string; destination: string | null; state: OperationItemView['state']; message: string | null; updatedAt: Date }[] =
    await ctx.db.query(`SELECT i.accountId, i.accountName, i.destination, i.state, i.message, i.updatedAt FROM operation_item i
      WHERE i.operationId = ?${scope} ORDER BY i.id LIMIT ? OFFSET ?`, [id, ...scopeParams, limit, offset]);
  return {
    ...toOperationView(row),
    items: items.map((i) => ({ ...i, updatedAt: i.updatedAt.toISOString() })),
    itemsTotal: Number(n),
  };
}

/** Newest first, filtered by kind, state or account. */
export async function listOperations(ctx: HaContext, opts: { limit?: number; kind?: OperationKind; state?: OperationState; accountId?: string } = {}): Promise<OperationView[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.kind) {
    where.push('o.kind = ?');
    params.push(opts.kind);
  }
  if (opts.state) {
    where.push('o.state = ?');
    params.push(opts.state);
  }
  const domains = readableDomains(ctx.actor);
  if (opts.accountId || domains) {
    const conds = ['i.operationId = o.id'];
    if (opts.accountId) {
      conds.push('i.accountId = ?');
      params.push(opts.accountId);
    }
    if (domains) {
      conds.push(`${domainOf} IN (?)`);
      params.push(domains.length ? domains : ['']);
    }
    where.push(`EXISTS (SELECT 1 FROM operation_item i WHERE ${conds.join(' AND ')})`);
  }
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 1000);
  const rows: OperationRow[] = await ctx.db.query(
    `SELECT ${OP_COLS} FROM operation o ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.createdAt DESC, o.id LIMIT ?`, [...params, limit]);
  return rows.map(toOperationView);
}

import { z } from 'zod';
import type { PromotionRecordView } from '../schemas/views';
import type { HaContext } from './context';
import { readableDomains } from './operations/access';
import { parseCommandInput } from './operations/input';

export const ListPromotionsInput = z.object({
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
  account: z.string().max(320).optional(),
  operationId: z.uuid().optional(),
});

/** The failover history: every promotion attempt, newest first (console and CLI). */
export async function listPromotions(ctx: HaContext, input: z.input<typeof ListPromotionsInput> = {}): Promise<PromotionRecordView[]> {
  const q = parseCommandInput('listPromotions', ListPromotionsInput, input);
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.account) {
    where.push('p.accountName = ?');
    params.push(q.account);
  }
  if (q.operationId) {
    where.push('p.operationId = ?');
    params.push(q.operationId);
  }
  const domains = readableDomains(ctx.actor);
  if (domains) {
    where.push("SUBSTRING_INDEX(p.accountName, '@', -1) IN (?)");
    params.push(domains.length ? domains : ['']);
  }
  const rows: Record<string, unknown>[] = await ctx.db.query(
    `SELECT p.* FROM promotion p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.startedAt DESC, p.id DESC LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset]);
  return rows.map((r) => ({
    id: Number(r.id), operationId: String(r.operationId), accountId: String(r.accountId), accountName: String(r.accountName),
    fromHost: String(r.fromHost), toHost: r.toHost === null ? null : String(r.toHost), actor: String(r.actor),
    startedAt: new Date(r.startedAt as Date).toISOString(), endedAt: new Date(r.endedAt as Date).toISOString(),
    durationMs: Number(r.durationMs), eventsDrained: Number(r.eventsDrained), result: String(r.result), message: r.message === null ? null : String(r.message),
  }));
}

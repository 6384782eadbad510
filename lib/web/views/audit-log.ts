import { z } from 'zod';
import type { HaContext } from '../../ha/context';

export const AuditQuery = z.object({
  actor: z.string().trim().max(320).optional(),
  action: z.string().trim().max(64).optional(),
  origin: z.enum(['console', 'cli', 'system']).optional(),
  result: z.enum(['ok', 'failed']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  role: string;
  origin: string;
  remoteAddr: string | null;
  action: string;
  params: unknown;
  result: string;
  message: string | null;
}

export interface AuditPage {
  total: number;
  page: number;
  pageSize: number;
  entries: AuditEntryView[];
  /** Distinct actions recorded so far, for the filter's choices. */
  actions: string[];
}

/** The audit log, newest first, filtered (actor and action match as prefixes). */
export async function listAudit(ctx: HaContext, q: AuditQuery): Promise<AuditPage> {
  const where = {
    ...(q.actor ? { actor: { startsWith: q.actor } } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.origin ? { origin: q.origin } : {}),
    ...(q.result === 'ok' ? { result: 'ok' } : q.result === 'failed' ? { result: { not: 'ok' } } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } } : {}),
  };
  const [total, rows, actions] = await Promise.all([
    ctx.prisma.auditLog.count({ where }),
    ctx.prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    ctx.prisma.auditLog.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' }, take: 200 }),
  ]);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    entries: rows.map((r) => ({
      id: Number(r.id), at: r.at.toISOString(), actor: r.actor, role: r.role, origin: r.origin, remoteAddr: r.remoteAddr,
      action: r.action, params: r.params, result: r.result, message: r.message,
    })),
    actions: actions.map((a) => a.action),
  };
}

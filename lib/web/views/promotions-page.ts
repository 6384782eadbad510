import { z } from 'zod';
import type { HaContext } from '../../ha/context';
import { listPromotions } from '../../ha/list-promotions';
import { readableDomains } from '../../ha/operations/access';

export const PromotionsQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  account: z.string().trim().max(320).optional().transform((v) => v || undefined),
});

/** A page of the failover history with its total, newest first. */
export async function promotionsPage(ctx: HaContext, q: z.infer<typeof PromotionsQuery>) {
  const domains = readableDomains(ctx.actor);
  const [promotions, total] = await Promise.all([
    listPromotions(ctx, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, account: q.account }),
    ctx.prisma.promotion.count({
      where: {
        ...(q.account ? { accountName: q.account } : {}),
        ...(domains ? { OR: (domains.length ? domains : ['\u0000']).map((d) => ({ accountName: { endsWith: `@${d}` } })) } : {}),
      },
    }),
  ]);
  return { total, page: q.page, pageSize: q.pageSize, promotions };
}

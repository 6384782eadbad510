import { promoteAccounts } from '@/lib/ha/promote-accounts';
import { PromoteAccountsInput } from '@/lib/schemas/commands';
import { apiRoute } from '@/lib/web/api-route';
import { promotionsPage, PromotionsQuery } from '@/lib/web/views/promotions-page';

/** The failover history. */
export const GET = apiRoute({ access: 'global', query: PromotionsQuery }, ({ ctx, query }) => promotionsPage(ctx, query));

/** promoteAccounts; with dryRun the plan only. */
export const POST = apiRoute({ access: 'global', body: PromoteAccountsInput }, ({ ctx, body }) => promoteAccounts(ctx, body));

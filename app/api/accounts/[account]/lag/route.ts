import { apiRoute } from '@/lib/web/api-route';
import { accountLag } from '@/lib/web/views/account-activity';
import { visibleAccountId } from '@/lib/web/views/account-detail';

const HOUR = 60 * 60_000;

export const GET = apiRoute({ access: 'admin' }, async ({ ctx, params }) => {
  const points = await accountLag(ctx, await visibleAccountId(ctx, params.account), HOUR);
  const to = new Date();
  return { points, from: new Date(to.getTime() - HOUR).toISOString(), to: to.toISOString() };
});

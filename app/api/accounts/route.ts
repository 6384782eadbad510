import { getAccountStatus } from '@/lib/ha/get-account-status';
import { apiRoute } from '@/lib/web/api-route';
import { StatusQuery } from '@/lib/web/query-schemas';

export const GET = apiRoute({ access: 'admin', query: StatusQuery }, ({ ctx, query }) => getAccountStatus(ctx, query));

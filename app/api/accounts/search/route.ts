import { apiRoute } from '@/lib/web/api-route';
import { SearchQuery } from '@/lib/web/query-schemas';
import { searchAccounts } from '@/lib/web/views/account-search';

export const GET = apiRoute({ access: 'admin', query: SearchQuery }, ({ ctx, query }) => searchAccounts(ctx, query.q));

import { apiRoute } from '@/lib/web/api-route';
import { operationsPage, OperationsQuery } from '@/lib/web/views/paged';

export const GET = apiRoute({ access: 'global', query: OperationsQuery }, ({ ctx, query }) => operationsPage(ctx, query));

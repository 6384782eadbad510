import { apiRoute } from '@/lib/web/api-route';
import { getOverview } from '@/lib/web/views/overview';

export const GET = apiRoute({ access: 'admin' }, ({ ctx }) => getOverview(ctx));

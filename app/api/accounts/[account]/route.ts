import { apiRoute } from '@/lib/web/api-route';
import { getAccountDetail } from '@/lib/web/views/account-detail';

export const GET = apiRoute({ access: 'admin' }, ({ ctx, params }) => getAccountDetail(ctx, params.account));

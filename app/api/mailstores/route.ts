import { apiRoute } from '@/lib/web/api-route';
import { listMailstores } from '@/lib/web/views/mailstores';

export const GET = apiRoute({ access: 'global' }, ({ ctx }) => listMailstores(ctx));

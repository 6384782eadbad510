import { getLicenseInfo } from '@/lib/ha/license';
import { apiRoute } from '@/lib/web/api-route';

export const GET = apiRoute({ access: 'global' }, ({ ctx }) => getLicenseInfo(ctx));

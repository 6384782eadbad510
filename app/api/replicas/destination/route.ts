import { setAccountDestination } from '@/lib/ha/set-account-destination';
import { SetAccountDestinationInput } from '@/lib/schemas/commands';
import { apiRoute } from '@/lib/web/api-route';

export const POST = apiRoute({ access: 'global', body: SetAccountDestinationInput }, ({ ctx, body }) => setAccountDestination(ctx, body));

import { removeAccountDestination } from '@/lib/ha/remove-account-destination';
import { RemoveAccountDestinationInput } from '@/lib/schemas/commands';
import { apiRoute } from '@/lib/web/api-route';

export const POST = apiRoute({ access: 'global', body: RemoveAccountDestinationInput }, ({ ctx, body }) => removeAccountDestination(ctx, body));

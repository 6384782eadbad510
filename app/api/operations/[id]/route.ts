import { getOperation } from '@/lib/ha/operations/store';
import { MonitorInput } from '@/lib/schemas/commands';
import { apiRoute } from '@/lib/web/api-route';
import { parseWith } from '@/lib/web/parse';

export const GET = apiRoute({ access: 'global' }, ({ ctx, params }) =>
  getOperation(ctx, parseWith(MonitorInput, { operationId: params.id }, 'operation id').operationId, { itemsLimit: 1000 }));

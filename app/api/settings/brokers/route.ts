import { getBrokers, setBrokers } from '@/lib/ha/config-brokers';
import { SetBrokersInput } from '@/lib/schemas/commands';
import { apiRoute } from '@/lib/web/api-route';

export const GET = apiRoute({ access: 'global' }, ({ ctx }) => getBrokers(ctx));
export const PUT = apiRoute({ access: 'global', body: SetBrokersInput }, ({ ctx, body }) => setBrokers(ctx, body));

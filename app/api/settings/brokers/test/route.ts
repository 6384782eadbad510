import { testBrokers } from '@/lib/ha/test-brokers';
import { TestBrokersInput } from '@/lib/schemas/commands';
import { apiRoute } from '@/lib/web/api-route';

export const POST = apiRoute({ access: 'global', body: TestBrokersInput }, ({ ctx, body }) => testBrokers(ctx, body));

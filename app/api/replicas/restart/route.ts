import { restartReplicas } from '@/lib/ha/restart-replicas';
import { RestartReplicasInput } from '@/lib/schemas/commands';
import { apiRoute } from '@/lib/web/api-route';

export const POST = apiRoute({ access: 'global', body: RestartReplicasInput }, ({ ctx, body }) => restartReplicas(ctx, body));

import { pauseReplicas } from '@/lib/ha/pause-replicas';
import { PauseReplicasInput } from '@/lib/schemas/commands';
import { apiRoute } from '@/lib/web/api-route';

export const POST = apiRoute({ access: 'global', body: PauseReplicasInput }, ({ ctx, body }) => pauseReplicas(ctx, body));

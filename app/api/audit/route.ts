import { apiRoute } from '@/lib/web/api-route';
import { AuditQuery, listAudit } from '@/lib/web/views/audit-log';

export const GET = apiRoute({ access: 'global', query: AuditQuery }, ({ ctx, query }) => listAudit(ctx, query));

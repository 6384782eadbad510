import { z } from 'zod';
import { verifyAccount } from '@/lib/ha/verify-account';
import { hostname } from '@/lib/schemas/common';
import { apiRoute } from '@/lib/web/api-route';

// Verify changes nothing: a domain administrator may verify the accounts of its domains.
export const POST = apiRoute({ access: 'admin', readOnlyAction: true, body: z.object({ destination: hostname.optional() }).strict() }, ({ ctx, body, params }) =>
  verifyAccount(ctx, { account: params.account, destination: body.destination }));

import { ForbiddenError } from '../errors';
import { requestOrigin } from './request-info';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every state-changing request, on top of SameSite=Strict cookies: the
 * browser's Origin header must be the console's own origin. Without an Origin header (old
 * browsers on same-origin requests) Sec-Fetch-Site must say same-origin; a request that
 * carries neither is refused, since every browser sends one of them on a mutation.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get('origin');
  if (origin) {
    if (origin.toLowerCase() === requestOrigin(request)) return;
    throw new ForbiddenError(`Cross-site request refused: origin ${origin.slice(0, 200)} is not this console.`);
  }
  if (request.headers.get('sec-fetch-site') === 'same-origin') return;
  throw new ForbiddenError('Cross-site request refused: the request has no Origin header.');
}

/**
 * Facts about an incoming web request that the console needs, from web-standard headers only.
 * The console runs behind `next start` (which sets the X-Forwarded-* headers itself) or a
 * reverse proxy; the first X-Forwarded-For entry is the client.
 */
export function remoteAddrOf(request: Request): string {
  const fwd = request.headers.get('x-forwarded-for');
  const first = fwd?.split(',')[0]?.trim();
  const addr = first || request.headers.get('x-real-ip')?.trim() || 'unknown';
  return addr.replace(/^::ffff:/, '').slice(0, 64);
}

/** True when the client reached the console over HTTPS (directly or through a proxy). */
export function isHttps(request: Request): boolean {
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (proto) return proto === 'https';
  return new URL(request.url).protocol === 'https:';
}

/** The origin the browser used to reach the console: scheme://host[:port]. */
export function requestOrigin(request: Request): string {
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host') || new URL(request.url).host;
  return `${isHttps(request) ? 'https' : 'http'}://${host}`.toLowerCase();
}

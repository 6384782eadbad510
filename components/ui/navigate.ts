/**
 * A full page load (not a client-side transition): after signing in or out, or when the
 * session ended, every cached query and open stream must go, and the proxy must see the request.
 */
export function hardNavigate(path: string) {
  window.location.assign(new URL(path, window.location.origin).href);
}

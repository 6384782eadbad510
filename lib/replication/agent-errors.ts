/** Error codes of the `mariadb` driver that say "try again", not "this event is bad". */
const TRANSIENT_CODES = new Set([
  'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_GET_CONNECTION_TIMEOUT', 'ER_CONNECTION_TIMEOUT', 'ER_SOCKET_UNEXPECTED_CLOSE',
  'ER_CMD_CONNECTION_CLOSED', 'ER_POOL_ALREADY_CLOSED', 'ER_CONNECTION_ALREADY_CLOSED', 'ER_QUERY_INTERRUPTED', 'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR', 'ER_TOO_MANY_USER_CONNECTIONS', 'ER_LOCK_TABLE_FULL', 'ER_OUT_OF_RESOURCES',
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH',
]);

/**
 * True when a failure to apply is about the environment (database down, lock contention) and
 * retrying the same batch can succeed; false when the data itself is refused (the event is
 * poison: it goes to the DLQ and only its account stops).
 */
export function isTransientApplyError(err: unknown): boolean {
  const e = err as { code?: string; fatal?: boolean; sqlState?: string } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.fatal) return true;
  if (e.code && TRANSIENT_CODES.has(e.code)) return true;
  if (e.sqlState) return e.sqlState.startsWith('08') || e.sqlState === '40001';
  // Node's network errors carry a code but no SQL state.
  return typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code);
}

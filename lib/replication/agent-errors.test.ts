import { describe, expect, it } from 'vitest';
import { isTransientApplyError } from './agent-errors';

describe('isTransientApplyError', () => {
  it('retries lock contention, lost connections and network errors', () => {
    expect(isTransientApplyError({ code: 'ER_LOCK_DEADLOCK', sqlState: '40001' })).toBe(true);
    expect(isTransientApplyError({ code: 'ER_GET_CONNECTION_TIMEOUT' })).toBe(true);
    expect(isTransientApplyError({ code: 'ER_SOCKET_UNEXPECTED_CLOSE', fatal: true })).toBe(true);
    expect(isTransientApplyError({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isTransientApplyError({ code: 'ER_ANY', sqlState: '08S01' })).toBe(true);
  });

  it('treats refused data and programming errors as poison', () => {
    expect(isTransientApplyError({ code: 'ER_DATA_TOO_LONG', sqlState: '22001' })).toBe(false);
    expect(isTransientApplyError({ code: 'ER_BAD_NULL_ERROR', sqlState: '23000' })).toBe(false);
    expect(isTransientApplyError(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientApplyError(null)).toBe(false);
  });
});

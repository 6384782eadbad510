import { describe, expect, it } from 'vitest';
import type { OperationDetail } from '@/lib/schemas/views';
import { operationRefresh } from './operation-refresh';

const op = (state: OperationDetail['state']) => ({ state }) as OperationDetail;

describe('operationRefresh', () => {
  it('re-reads a running operation every 250 ms for its first 20 reads, then every second', () => {
    expect(operationRefresh(op('queued'), 1)).toBe(250);
    expect(operationRefresh(op('running'), 19)).toBe(250);
    expect(operationRefresh(op('running'), 20)).toBe(1000);
  });
  it('stops once the operation ended', () => {
    for (const s of ['succeeded', 'partial', 'failed'] as const) expect(operationRefresh(op(s), 3)).toBe(false);
  });
  it('retries every second while nothing was read (an error)', () => {
    expect(operationRefresh(undefined, 0)).toBe(1000);
  });
});

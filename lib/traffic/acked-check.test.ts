import { expect, it } from 'vitest';
import type { AckedLine } from './acked-log';
import { expectedLiveItems, maxAckedSeq } from './acked-check';

const line = (seq: number, action: string, created: number[], itemIds = created, accountId = 'a'): AckedLine => ({
  account: 'x@y.z', accountId, op: 'X', action, seq, itemIds, created, host: 'h', replicated: true, at: '',
});

it('replays acknowledged operations in sequence order: created items stay unless a later delete removed them', () => {
  const lines = [line(3, 'deleteItems', [], [256]), line(1, 'deliver', [256]), line(2, 'deliver', [257]), line(4, 'copyItems', [258], [258, 257]), line(1, 'deliver', [300], [300], 'b')];
  const live = expectedLiveItems(lines);
  expect([...live.get('a')!]).toEqual([257, 258]);
  expect([...live.get('b')!]).toEqual([300]);
  expect(maxAckedSeq(lines).get('a')).toBe(4);
});

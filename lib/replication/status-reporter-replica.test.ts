import { describe, expect, it } from 'vitest';
import { displayPhase } from './apply-position';
import { replicaLag } from './status-reporter-replica';

describe('replicaLag', () => {
  it('counts the events not applied and the span of source changes they cover', () => {
    const source = { sequence: 120, lastChangeAt: new Date('2026-01-01T00:00:30Z') };
    expect(replicaLag(source, { sequence: 100, lastAppliedAt: new Date('2026-01-01T00:00:10Z') })).toEqual({ sourceSequence: 120, events: 20, seconds: 20 });
    expect(replicaLag(source, { sequence: 120, lastAppliedAt: new Date('2026-01-01T00:00:10Z') })).toEqual({ sourceSequence: 120, events: 0, seconds: 0 });
    expect(replicaLag(source, { sequence: 130, lastAppliedAt: null })).toEqual({ sourceSequence: 120, events: 0, seconds: 0 });
    expect(replicaLag(undefined, { sequence: 5, lastAppliedAt: null })).toEqual({ sourceSequence: 0, events: 0, seconds: 0 });
  });
});

describe('displayPhase', () => {
  it('tells catching up from active, and shows pause and failure first', () => {
    const p = { accountId: 'a', mailboxId: 1, phase: 'active' as const, paused: false, appliedSeq: 5, epoch: 1, snapshotId: null, snapshotSeq: 3, snapshotItems: 0, consistentSeq: 8, lastEventTs: null, lastError: null };
    expect(displayPhase(p)).toBe('catching_up');
    expect(displayPhase({ ...p, appliedSeq: 8 })).toBe('active');
    expect(displayPhase({ ...p, paused: true })).toBe('paused');
    expect(displayPhase({ ...p, phase: 'failed', paused: true })).toBe('failed');
    expect(displayPhase({ ...p, phase: 'snapshotting' })).toBe('snapshotting');
  });
});

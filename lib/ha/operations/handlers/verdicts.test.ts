import { describe, expect, it } from 'vitest';
import { pauseVerdict } from './pause';
import { removeVerdict } from './remove';
import type { WatchedReplica } from './replica-watch';
import { restartVerdict } from './restart';
import { initialisationVerdict } from './set-destination';

const r = (p: Partial<WatchedReplica> = {}): WatchedReplica => ({
  accountId: 'a', destination: 'd1.example.com', mailHost: 's.example.com', state: 'initializing', snapshotState: 'pending', snapshotItems: 0,
  lastError: null, agentReady: true, phase: null, destinationAlive: true, sourceAlive: true, ...p,
});

describe('initialisationVerdict', () => {
  it('tells where an initialising replica stands, and ends on active or failed', () => {
    expect(initialisationVerdict(undefined)).toEqual({ state: 'failed', message: 'the replica was removed before its initialisation ended' });
    expect(initialisationVerdict(r({ state: 'active', snapshotItems: 42 }))).toEqual({ state: 'succeeded', message: 'initialised (42 items in the snapshot)' });
    expect(initialisationVerdict(r({ state: 'failed', lastError: 'boom' }))).toEqual({ state: 'failed', message: 'boom' });
    expect(initialisationVerdict(r({ destinationAlive: false })).message).toBe('waiting for d1.example.com (its node is down)');
    expect(initialisationVerdict(r({ agentReady: false })).message).toBe('waiting for the agent on d1.example.com');
    expect(initialisationVerdict(r({ sourceAlive: false })).message).toBe('waiting for the source s.example.com (its node is down)');
    expect(initialisationVerdict(r({ snapshotState: 'running', snapshotItems: 7 })).message).toBe('snapshot in progress: 7 items sent');
    expect(initialisationVerdict(r({ snapshotState: 'done', state: 'paused', lastError: 'x' })).message).toBe('snapshot applied; catching up with live changes (paused); last error: x');
  });
});

describe('pauseVerdict', () => {
  it('succeeds once every live destination confirmed, or is down, or after the wait', () => {
    expect(pauseVerdict([r({ state: 'paused', phase: 'paused' })], 0)).toEqual({ state: 'succeeded', message: 'paused on d1.example.com' });
    expect(pauseVerdict([r({ state: 'paused', phase: 'active' })], 0).state).toBe('running');
    expect(pauseVerdict([r({ state: 'paused', phase: 'active' })], 31_000).message).toBe('paused; not yet confirmed by d1.example.com');
    expect(pauseVerdict([r({ state: 'paused', destinationAlive: false })], 0).message).toMatch(/down: paused when it returns/);
    expect(pauseVerdict([r({ state: 'failed' })], 0).state).toBe('skipped');
  });
});

describe('restartVerdict', () => {
  it('waits for replicas to follow the stream again; a failed one fails the item', () => {
    expect(restartVerdict([r({ state: 'active', phase: 'active' })], 0)).toEqual({ state: 'succeeded', message: 'following the stream on d1.example.com' });
    expect(restartVerdict([r({ state: 'active', phase: 'paused' })], 0).state).toBe('running');
    expect(restartVerdict([r({ state: 'active', phase: 'paused', destinationAlive: false })], 0).message).toMatch(/is down and resumes when it returns/);
    expect(restartVerdict([r({ state: 'initializing', snapshotState: 'running', snapshotItems: 3 })], 0)).toEqual({ state: 'running', message: 'snapshot in progress: 3 items sent' });
    expect(restartVerdict([r({ state: 'failed', lastError: 'bad' })], 0)).toEqual({ state: 'failed', message: 'd1.example.com: bad' });
  });
});

describe('removeVerdict', () => {
  it('succeeds when the row is gone, or when the destination is down past the grace period', () => {
    expect(removeVerdict(undefined, 'd1.example.com', 0)).toEqual({ state: 'succeeded', message: 'removed from d1.example.com' });
    expect(removeVerdict(r({ state: 'removing' }), 'd1.example.com', 0)).toEqual({ state: 'running', message: 'd1.example.com is deleting its copy' });
    expect(removeVerdict(r({ state: 'removing', destinationAlive: false }), 'd1.example.com', 5_000).state).toBe('running');
    expect(removeVerdict(r({ state: 'removing', destinationAlive: false }), 'd1.example.com', 25_000).message).toMatch(/deletes its copy when it comes back/);
  });
});

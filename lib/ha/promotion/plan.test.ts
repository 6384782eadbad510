import { describe, expect, it } from 'vitest';
import { planPromotion, type AccountCandidate, type ReplicaCandidate } from './plan';

const replica = (destination: string, priority: number, over: Partial<ReplicaCandidate> = {}): ReplicaCandidate => ({
  destination, priority, state: 'active', agentAlive: true, lagEvents: 0, lagSeconds: 0, lastError: null, ...over,
});
const account = (replicas: ReplicaCandidate[], over: Partial<AccountCandidate> = {}): AccountCandidate => ({
  accountId: 'a', accountName: 'john.doe@example.com', mailHost: 'mbox1.example.com', kind: 'account', promotingTo: null, replicas, ...over,
});

describe('planPromotion', () => {
  it('picks the available replica with the lowest priority number', () => {
    const p = planPromotion(account([replica('b.example.com', 20), replica('c.example.com', 10), replica('d.example.com', 100)]));
    expect(p).toMatchObject({ destination: 'c.example.com', priority: 10, blockers: [] });
  });

  it('skips a better-priority replica that is not available and says nothing against the chosen one', () => {
    const p = planPromotion(account([replica('c.example.com', 10, { state: 'paused' }), replica('b.example.com', 20)]));
    expect(p).toMatchObject({ destination: 'b.example.com', blockers: [] });
  });

  it('refuses when no replica is available, listing why for each', () => {
    const p = planPromotion(account([
      replica('c.example.com', 10, { state: 'failed', lastError: 'poison event' }),
      replica('b.example.com', 20, { state: 'initializing' }),
      replica('d.example.com', 30, { agentAlive: false }),
    ]));
    expect(p.destination).toBeNull();
    expect(p.blockers).toEqual([
      expect.stringContaining('c.example.com failed: poison event'),
      expect.stringContaining('b.example.com is not initialised'),
      expect.stringContaining('agent on d.example.com is not running'),
    ]);
  });

  it('honours a forced destination, and blocks when that replica is not usable', () => {
    expect(planPromotion(account([replica('c.example.com', 10), replica('b.example.com', 20)]), 'b.example.com')).toMatchObject({ destination: 'b.example.com', blockers: [] });
    expect(planPromotion(account([replica('c.example.com', 10), replica('b.example.com', 20, { state: 'paused' })]), 'b.example.com').blockers)
      .toEqual([expect.stringContaining('paused')]);
    expect(planPromotion(account([replica('c.example.com', 10)]), 'x.example.com').blockers).toEqual(['the account has no replica on x.example.com']);
  });

  it('blocks accounts without replicas, distribution lists and accounts already being promoted', () => {
    expect(planPromotion(account([])).blockers).toEqual(['the account has no replica']);
    expect(planPromotion(account([replica('c', 1)], { kind: 'distribution_list' })).blockers[0]).toMatch(/distribution lists/);
    expect(planPromotion(account([replica('c', 1)], { promotingTo: 'c' })).blockers[0]).toMatch(/already in progress/);
  });
});

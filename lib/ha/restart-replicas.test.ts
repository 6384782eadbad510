import { describe, expect, it } from 'vitest';
import { restartAction } from './restart-replicas';
import { nameProblem } from './resolve-accounts';
import { stateFromItems } from './operations/lease';
import { parseCommandInput } from './operations/input';
import { SetAccountDestinationInput } from '../schemas/commands';

describe('restartAction', () => {
  it('resumes paused replicas, re-initialises failed or initialising ones, leaves active ones', () => {
    expect(restartAction({ state: 'paused', activeSince: new Date() })).toBe('resume');
    expect(restartAction({ state: 'failed', activeSince: null })).toBe('reinitialise');
    expect(restartAction({ state: 'initializing', activeSince: null })).toBe('reinitialise');
    expect(restartAction({ state: 'active', activeSince: new Date() })).toBe('none');
  });
});

describe('account names and command input', () => {
  it('refuses wildcards, regular expressions and non-addresses', () => {
    expect(nameProblem('john.doe@example.com')).toBeUndefined();
    expect(nameProblem('john*@example.com')).toMatch(/wildcard or regular-expression characters/);
    expect(nameProblem('?ohn@example.com')).toMatch(/wildcard/);
    expect(nameProblem('(a|b)@example.com')).toMatch(/wildcard/);
    expect(nameProblem('john')).toBe('"john" is not an e-mail address');
  });

  it('turns every zod issue into one problem', () => {
    let err: unknown;
    try {
      parseCommandInput('setAccountDestination', SetAccountDestinationInput, { destination: 'not a host', priority: 1.5, accounts: [] });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect((err as { problems: { field: string }[] }).problems.map((p) => p.field).sort()).toEqual(['accounts', 'destination', 'priority']);
  });

  it('an operation succeeds, fails or is partial from its items', () => {
    expect(stateFromItems([{ state: 'succeeded' }, { state: 'skipped' }])).toBe('succeeded');
    expect(stateFromItems([{ state: 'failed' }, { state: 'failed' }])).toBe('failed');
    expect(stateFromItems([{ state: 'failed' }, { state: 'succeeded' }])).toBe('partial');
  });
});

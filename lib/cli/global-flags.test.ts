import { describe, expect, it } from 'vitest';
import { extractGlobalFlags } from './global-flags';

describe('extractGlobalFlags', () => {
  it('takes the flags from anywhere and keeps the words in order', () => {
    expect(extractGlobalFlags(['ha', '--json', 'monitor', 'x', '--sync', '--timeout', '30'])).toEqual({
      flags: { json: true, sync: true, help: false, timeoutSeconds: 30 },
      rest: ['ha', 'monitor', 'x'],
    });
    expect(extractGlobalFlags(['--timeout=5', '-h']).flags).toEqual({ json: false, sync: false, help: true, timeoutSeconds: 5 });
  });

  it('leaves negative numbers to the parameters (so "priority -1" is refused by its own rule)', () => {
    expect(extractGlobalFlags(['ha', 'setAccountDestination', 'm.example.com', '-1']).rest).toEqual(['ha', 'setAccountDestination', 'm.example.com', '-1']);
  });

  it('refuses unknown options and a bad timeout', () => {
    expect(() => extractGlobalFlags(['--jsn'])).toThrow('unknown option "--jsn"');
    expect(() => extractGlobalFlags(['--timeout', 'soon'])).toThrow('--timeout needs a whole number of seconds (got "soon")');
    expect(() => extractGlobalFlags(['--timeout'])).toThrow('got nothing');
  });
});

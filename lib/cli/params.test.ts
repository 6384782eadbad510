import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { parseParams } from './params';
import type { ParamSpec } from './spec';

const specs: ParamSpec[] = [
  { name: 'destination', kind: 'host', mandatory: true, positional: true, description: 'the destination' },
  { name: 'priority', kind: 'integer', mandatory: true, positional: true, description: 'the priority' },
  { name: 'accounts', kind: 'accounts', description: 'accounts' },
  { name: 'input_file', kind: 'file', description: 'file' },
];

function problems(words: string[]) {
  try {
    parseParams(specs, words);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).problems.map((p) => p.message);
  }
  throw new Error('expected a ValidationError');
}

describe('parseParams', () => {
  it('reads mandatory parameters by position, then name value pairs', () => {
    expect(parseParams(specs, ['mailstore1.example.com', '10', 'accounts', 'a@x.com,b@x.com'])).toEqual({
      destination: 'mailstore1.example.com', priority: '10', accounts: 'a@x.com,b@x.com',
    });
  });

  it('accepts mandatory parameters by name too, in any order, names case-insensitively', () => {
    expect(parseParams(specs, ['Priority', '5', 'input_file', '/tmp/a', 'destination', 'm.example.com'])).toEqual({
      destination: 'm.example.com', priority: '5', input_file: '/tmp/a',
    });
    expect(parseParams(specs, ['priority', '5', 'm.example.com'])).toEqual({ destination: 'm.example.com', priority: '5' });
  });

  it('lists every missing mandatory parameter', () => {
    expect(problems([])).toEqual([
      'missing mandatory parameter destination (the destination)',
      'missing mandatory parameter priority (the priority)',
    ]);
  });

  it('names an unknown parameter, suggests a close one and does not mistake its value for another problem', () => {
    expect(problems(['m.example.com', '10', 'acounts', 'a@x.com'])).toEqual([
      'unknown parameter "acounts" (did you mean accounts?); this command accepts: destination, priority, accounts, input_file',
    ]);
  });

  it('refuses a parameter given twice, a name without value and a stray value', () => {
    expect(problems(['m.example.com', '10', 'accounts', 'a@x.com', 'accounts', 'b@x.com'])).toEqual(['parameter accounts is given more than once']);
    expect(problems(['m.example.com', '10', 'accounts'])).toEqual(['parameter accounts needs a value: accounts ACCOUNT[,ACCOUNT...]']);
    expect(problems(['m.example.com', '10', 'extra.value'])[0]).toMatch(/^unexpected value "extra.value"/);
  });
});

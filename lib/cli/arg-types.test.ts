import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { boolArg, hostArg, intArg, listArg, parseArgs, uuidArg } from './arg-types';

const schema = z.object({
  destination: hostArg('destination'),
  priority: intArg('priority'),
  accounts: listArg('accounts').optional(),
  dryRun: boolArg('dryRun').optional(),
  id: uuidArg('operation_uuid').optional(),
});

function messages(raw: Record<string, string>) {
  try {
    parseArgs(schema, raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  throw new Error('expected a ValidationError');
}

describe('CLI argument types', () => {
  it('converts valid strings', () => {
    expect(parseArgs(schema, { destination: ' m.example.com ', priority: '010', accounts: ' a@x.com, ,b@x.com,', dryRun: 'TRUE' })).toEqual({
      destination: 'm.example.com', priority: 10, accounts: ['a@x.com', 'b@x.com'], dryRun: true,
    });
  });

  it('refuses non-integer and negative priorities with the value in the message', () => {
    expect(messages({ destination: 'm.example.com', priority: 'ten' })).toEqual(['priority: priority must be an integer, got "ten"']);
    expect(messages({ destination: 'm.example.com', priority: '1.5' })).toEqual(['priority: priority must be an integer, got "1.5"']);
    expect(messages({ destination: 'm.example.com', priority: '-1' })).toEqual(['priority: priority must be 0 or more']);
  });

  it('reports every bad parameter at once', () => {
    expect(messages({ destination: 'not a host', priority: 'x', accounts: ' , ', dryRun: 'maybe', id: '42' })).toEqual([
      'destination: destination must be a mailstore host name (FQDN), got "not a host"',
      'priority: priority must be an integer, got "x"',
      'accounts: accounts needs at least one value',
      'dryRun: dryRun must be true or false, got "maybe"',
      'id: operation_uuid must be an operation UUID, got "42"',
    ]);
  });
});

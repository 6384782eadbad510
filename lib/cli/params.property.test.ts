import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { parseArgs } from './arg-types';
import { extractGlobalFlags } from './global-flags';
import { parseParams } from './params';
import { NAMESPACES } from './registry';

// Hostile command lines (unicode, control characters, SQL fragments, huge lists, parameter names
// in odd places) never crash the CLI's parsing: every one either parses or is a ValidationError
// with at least one problem, each naming a field.

const commands = NAMESPACES.flatMap((ns) => ns.commands);
const names = [...new Set(commands.flatMap((c) => c.params.map((p) => p.name)))];
const word = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(...names, 'help', '--json', '--sync', '--timeout', '-1', '1e9', 'NaN', "'; DROP TABLE account; --", '\u0000', '\u202e', 'a'.repeat(5000)),
  fc.array(fc.emailAddress(), { maxLength: 50 }).map((a) => a.join(',')),
  fc.integer().map(String),
);

describe('CLI parsing under hostile input', () => {
  it('parses or refuses with problems, never throws anything else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...commands), fc.array(word, { maxLength: 12 }), (cmd, words) => {
        try {
          const { rest } = extractGlobalFlags(words);
          parseArgs(cmd.args, parseParams(cmd.params, rest));
        } catch (err) {
          expect(err).toBeInstanceOf(ValidationError);
          const problems = (err as ValidationError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(typeof p.field === 'string' && p.message.length > 0).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a 100,000-account list in one parameter', () => {
    const cmd = commands.find((c) => c.name === 'setAccountDestination')!;
    const list = Array.from({ length: 100_000 }, (_, i) => `user${i}@example.com`).join(',');
    const args = parseArgs(cmd.args, parseParams(cmd.params, ['mbox2.example.com', '10', 'accounts', list])) as { accounts: string[] };
    expect(args.accounts).toHaveLength(100_000);
  });
});

import fc from 'fast-check';

// Generators of hostile input for the API fuzz tests: strings that break naive parsers and
// queries, values of the wrong type, missing and extra fields, bodies that are not JSON.

export const HOSTS = ['mbox1.fuzz.test', 'mbox2.fuzz.test'];
export const ACCOUNTS = ['ann@fuzz.test', 'ben@fuzz.test', 'cat@fuzz.test'];

const NASTY = [
  "' OR 1=1 --", "'; DROP TABLE account; --", '" OR ""="', '1; SELECT SLEEP(5)', "ann@fuzz.test' --", '%', '_', '%_%', '\\', '\\\\%',
  '\u0000', 'ann@fuzz.test\u0000', '\r\nSet-Cookie: x=y', '\u202eevil', '\ud800', '\udfff', '🦄@fuzz.test', 'ännä@fúzz.test', 'ＡＢＣ@fuzz.test',
  '${jndi:ldap://x/a}', '<script>alert(1)</script>', '../../etc/passwd', '__proto__', 'constructor', 'NaN', 'Infinity', '-0', '',
  ' ', '\t', 'ann@fuzz.test,ben@fuzz.test', 'mbox1.fuzz.test', 'mbox1.fuzz.test ', '127.0.0.1:1', 'scram-sha-256:u:p:w', 'plain::',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\u2028', '\ufeff', 'a', "'"), maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 300_000).map((n) => 'x'.repeat(n)) },
);

/** Any JSON value, nested a little. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

export type BodyCase = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };

/**
 * A request body for a route with these fields: each field present or missing, of its
 * plausible kind or of any kind, plus unknown fields; or a body that is no object at all.
 */
export function hostileBody(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<BodyCase> {
  const field = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: anyJson });
  const object = fc
    .tuple(
      fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, field(a)])), { requiredKeys: [] }),
      fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(hostileString, anyJson, { maxKeys: 3 }) }),
    )
    .map(([known, extra]) => ({ kind: 'json' as const, value: { ...extra, ...known } }));
  return fc.oneof(
    { weight: 8, arbitrary: object },
    { weight: 1, arbitrary: anyJson.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"accounts": [', 'null', '[]', '"x"', '{"a":1}{"b":2}', '\u0000', 'NaN', `{"accounts":${'['.repeat(5000)}`).map((text) => ({ kind: 'raw' as const, text })) },
  );
}

/** Query parameters: known keys (some repeated) and unknown ones, with hostile values. */
export function hostileQuery(keys: string[]): fc.Arbitrary<[string, string][]> {
  const value = fc.oneof(hostileString, fc.constantFrom('1', '0', '-1', '1.5', '1e9', 'true', 'asc', 'desc', 'accountName', 'active', 'ann@fuzz.test', 'fuzz.test', '2026-01-01T00:00:00Z'));
  return fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: hostileString }), value), { maxLength: 6 });
}

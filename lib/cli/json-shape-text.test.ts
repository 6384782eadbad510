import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { shapeText } from './json-shape-text';

describe('shapeText', () => {
  it('renders objects, optional fields, nullables, enums, arrays, formats and descriptions', () => {
    const schema = z.object({
      id: z.uuid(),
      at: z.iso.datetime().nullable(),
      state: z.enum(['a', 'b']),
      tags: z.array(z.string()).describe('labels'),
      n: z.number().int().optional(),
    });
    expect(shapeText(schema)).toBe([
      '{',
      '  id: string (uuid)',
      '  at: string (ISO 8601) | null',
      '  state: "a" | "b"',
      '  tags: string[]  // labels',
      '  n?: integer',
      '}',
    ].join('\n'));
  });
});

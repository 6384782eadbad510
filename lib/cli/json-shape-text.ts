import { z } from 'zod';

type Js = {
  type?: string | string[];
  properties?: Record<string, Js>;
  required?: string[];
  items?: Js;
  anyOf?: Js[];
  oneOf?: Js[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
};

/**
 * A zod schema as a compact, TypeScript-like shape for docs/cli.md: `name?: type  // meaning`.
 * Generated from the same schemas the CLI tests parse the output with.
 */
export function shapeText(schema: z.ZodType): string {
  return render(z.toJSONSchema(schema, { unrepresentable: 'any' }) as Js, '');
}

function render(s: Js, indent: string): string {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map((a) => render(a, indent)).join(s.oneOf ? `\n${indent}| ` : ' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' | ');
  const type = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
  if (type === 'object' && s.properties) {
    const inner = indent + '  ';
    const lines = Object.entries(s.properties).map(([k, v]) => {
      const opt = s.required?.includes(k) ? '' : '?';
      const comment = v.description ? `  // ${v.description}` : '';
      return `${inner}${k}${opt}: ${render(v, inner)}${comment}`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  if (type === 'array') return `${s.items ? wrapUnion(render(s.items, indent)) : 'unknown'}[]`;
  if (type === 'string' && s.format) return `string (${s.format === 'date-time' ? 'ISO 8601' : s.format})`;
  if (type === 'null') return 'null';
  return type ?? 'any';
}

function wrapUnion(t: string) {
  return t.includes(' | ') && !t.startsWith('{') ? `(${t})` : t;
}

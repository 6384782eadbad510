import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../errors';
import { DOC_PATH, docWithReference } from './docs';
import { NAMESPACES } from './registry';

describe('docs/cli.md', () => {
  const doc = readFileSync(DOC_PATH(), 'utf8');

  it('holds the current generated reference (regenerate: npx tsx lib/cli/docs.ts --write)', () => {
    expect(docWithReference(doc) === doc, 'docs/cli.md is stale: run npx tsx lib/cli/docs.ts --write').toBe(true);
  });

  it('documents every command, parameter and exit code', () => {
    for (const ns of NAMESPACES) {
      for (const c of ns.commands) {
        expect(doc).toContain(`#### ${ns.name} ${c.name}`);
        for (const p of c.params) expect(doc).toContain(`| \`${p.name}\` |`);
        expect(doc).toContain(`### ${c.jsonShape}`);
      }
    }
    for (const code of new Set(Object.values(EXIT_CODES))) expect(doc).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });
});

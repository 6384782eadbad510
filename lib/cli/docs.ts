import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/paths';
import { GLOBAL_FLAGS } from './global-flags';
import { exitCodeMeanings, usageLine } from './help';
import { JSON_SHAPES } from './json-output';
import { shapeText } from './json-shape-text';
import { placeholder } from './params';
import { NAMESPACES } from './registry';

// docs/cli.md's reference part is generated from the registry, EXIT_CODES and the --json zod
// schemas, so it cannot drift from the code: lib/cli/docs.test.ts fails when it is stale.
// Regenerate with: npx tsx lib/cli/docs.ts --write

export const BEGIN = '<!-- BEGIN GENERATED REFERENCE (npx tsx lib/cli/docs.ts --write) -->';
export const END = '<!-- END GENERATED REFERENCE -->';
export const DOC_PATH = () => path.join(projectRoot(), 'docs', 'cli.md');

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function renderReference(): string {
  let md = `${BEGIN}\n\n## Global options\n\n| option | meaning |\n|---|---|\n`;
  for (const f of GLOBAL_FLAGS) md += `| \`${f.flag}\` | ${cell(f.description)} |\n`;
  md += '\n## Exit codes\n\nFrom `EXIT_CODES` in lib/errors/mapping.ts.\n\n| code | meaning |\n|---|---|\n| 0 | success |\n';
  for (const [code, meaning] of exitCodeMeanings()) md += `| ${code} | ${cell(meaning)} |\n`;
  md += '\n## Commands\n';
  for (const ns of NAMESPACES) {
    md += `\n### carbonio ${ns.name}${ns.aliases.length ? ` (alias: ${ns.aliases.map((a) => `carbonio ${a}`).join(', ')})` : ''}\n\n${ns.summary}.\n`;
    for (const c of ns.commands) {
      md += `\n#### ${ns.name} ${c.name}\n\n\`\`\`\n${usageLine(ns, c)}\n\`\`\`\n\n${c.summary}.${c.details ? ` ${c.details}` : ''}\n\n`;
      if (c.params.length) {
        md += '| parameter | M/O | value | by position | meaning |\n|---|---|---|---|---|\n';
        for (const p of c.params) md += `| \`${p.name}\` | ${p.mandatory ? 'M' : 'O'} | \`${cell(placeholder(p))}\` | ${p.positional ? 'yes' : 'no'} | ${cell(p.description)} |\n`;
      } else md += 'No parameters.\n';
      if (c.startsOperation) md += '\nStarts an operation: `--sync` waits for its end; without it, follow it with `carbonio ha monitor OPERATION_UUID`.\n';
      md += `\nExamples:\n\n\`\`\`\n${c.examples.join('\n')}\n\`\`\`\n\n\`--json\`: [${c.jsonShape}](#${c.jsonShape.toLowerCase()})${c.startsOperation ? '; with `--sync`: [OperationDetailOutput](#operationdetailoutput)' : ''}\n`;
    }
  }
  md += '\n## JSON output shapes\n\nThe shape of each `--json` output, generated from the zod schemas in lib/cli/json-output.ts (the CLI tests parse the real output with the same schemas). `name?` is optional; dates are ISO 8601 strings. Fields may be added; none is renamed or removed.\n';
  for (const [name, schema] of Object.entries(JSON_SHAPES)) {
    md += `\n### ${name}\n\n\`\`\`ts\n${shapeText(schema)}\n\`\`\`\n`;
  }
  return `${md}\n${END}\n`;
}

/** docs/cli.md with its generated part replaced by the current reference. */
export function docWithReference(current: string): string {
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`docs/cli.md lacks the markers ${BEGIN} ... ${END}`);
  return current.slice(0, start) + renderReference() + current.slice(end + END.length + 1);
}

if (process.argv[1]?.endsWith('lib/cli/docs.ts') && process.argv.includes('--write')) {
  const file = DOC_PATH();
  writeFileSync(file, docWithReference(readFileSync(file, 'utf8')));
  console.log(`updated ${file}`);
}

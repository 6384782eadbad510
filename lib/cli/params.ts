import { ValidationError, type Problem } from '../errors';
import type { ParamSpec } from './spec';

export type RawArgs = Record<string, string | undefined>;

/**
 * Reads the product's parameter syntax: `name value` pairs in any order, and the parameters
 * marked positional also by position (e.g. `setAccountDestination mbox2.example.com 10 accounts a@x`).
 * Every problem is collected: unknown parameters (with a suggestion), a parameter given twice,
 * a name without a value, missing mandatory parameters.
 */
export function parseParams(specs: ParamSpec[], words: string[]): RawArgs {
  const byName = new Map(specs.map((p) => [p.name.toLowerCase(), p]));
  const raw: RawArgs = {};
  const problems: Problem[] = [];
  const nextPositional = () => specs.find((p) => p.positional && raw[p.name] === undefined);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const named = byName.get(word.toLowerCase());
    if (named) {
      const value = words[++i];
      if (value === undefined) problems.push({ field: named.name, message: `parameter ${named.name} needs a value: ${named.name} ${placeholder(named)}` });
      else if (raw[named.name] !== undefined) problems.push({ field: named.name, message: `parameter ${named.name} is given more than once` });
      else raw[named.name] = value;
      continue;
    }
    const positional = nextPositional();
    if (positional) {
      raw[positional.name] = word;
      continue;
    }
    if (/^[A-Za-z_]+$/.test(word) && i + 1 < words.length) {
      problems.push({ field: word, message: unknownParameter(word, specs) });
      i++; // skip its value, reported with the name
    } else {
      problems.push({ field: word, message: `unexpected value "${word}": ${specs.length ? `name the parameter it is for (${specs.map((p) => p.name).join(', ')})` : 'this command takes no parameter'}` });
    }
  }
  for (const p of specs) {
    if (p.mandatory && raw[p.name] === undefined) {
      problems.push({ field: p.name, message: `missing mandatory parameter ${p.name} (${p.description})` });
    }
  }
  if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
  return raw;
}

export function placeholder(p: ParamSpec): string {
  switch (p.kind) {
    case 'host': return 'HOST';
    case 'integer': return 'NUMBER';
    case 'list': return 'VALUE[,VALUE...]';
    case 'accounts': return 'ACCOUNT[,ACCOUNT...]';
    case 'file': return 'PATH';
    case 'boolean': return 'true|false';
    case 'uuid': return 'UUID';
    case 'choice': return (p.choices ?? []).join('|');
    default: return 'VALUE';
  }
}

function unknownParameter(word: string, specs: ParamSpec[]): string {
  const names = specs.map((p) => p.name);
  const close = names.find((n) => editDistance(n.toLowerCase(), word.toLowerCase()) <= 2);
  const hint = close ? ` (did you mean ${close}?)` : '';
  return `unknown parameter "${word}"${hint}; this command accepts: ${names.join(', ') || 'no parameter'}`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

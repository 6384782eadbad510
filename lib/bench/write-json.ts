import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BenchResultsSchema, type BenchResult } from './result';

/** Validates the results against the documented shape and writes them as a JSON list. */
export function writeResultsJson(file: string, results: BenchResult[]) {
  const checked = BenchResultsSchema.parse(results);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(checked, null, 2)}\n`);
}

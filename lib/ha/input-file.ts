/**
 * Parses an `input_file` (and the console's pasted or uploaded list): one account per line,
 * blank lines and surrounding spaces ignored, CRLF accepted. Duplicates (compared without case,
 * as addresses are) are dropped and reported once each, in the order first repeated.
 */
export function parseInputFile(text: string): { accounts: string[]; duplicates: string[] } {
  return dedupeAccounts(text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/));
}

/** Trims, drops empties, and removes duplicates (case-insensitive), reporting each once. */
export function dedupeAccounts(names: Iterable<string>): { accounts: string[]; duplicates: string[] } {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const accounts: string[] = [];
  const duplicates: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      accounts.push(name);
    } else if (!reported.has(key)) {
      reported.add(key);
      duplicates.push(name);
    }
  }
  return { accounts, duplicates };
}

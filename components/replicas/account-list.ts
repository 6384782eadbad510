/** Account names from pasted text or an uploaded file: one per line or comma-separated; blanks and # comments dropped; duplicates once. */
export function parseAccountList(text: string): string[] {
  const names = text
    .split(/[\n,;\r]+/)
    .map((s) => s.replace(/#.*$/, '').trim())
    .filter(Boolean);
  return [...new Set(names)];
}

/** Problems the core reported for the accounts, keyed by account name (field = the name, or accounts.<index>). */
export function problemsByAccount(problems: { field: string; message: string }[], accounts: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const known = new Set(accounts);
  for (const p of problems) {
    const byIndex = /^accounts\.(\d+)$/.exec(p.field);
    const name = byIndex ? accounts[Number(byIndex[1])] : known.has(p.field) ? p.field : undefined;
    if (name) out.set(name, [...(out.get(name) ?? []), p.message]);
  }
  return out;
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selectAccounts } from './account-selection';

const dir = mkdtempSync(path.join(os.tmpdir(), 'carbonio-select-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('selectAccounts with input_file', () => {
  it('reads a file of 10,000 accounts (CRLF, blank lines, a duplicate) in file order', async () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `user${i}@big.example.com`);
    const file = path.join(dir, 'accounts.txt');
    writeFileSync(file, ['', ...names.slice(0, 5000), '', `  ${names[42].toUpperCase()}  `, ...names.slice(5000), ''].join('\r\n'));
    const r = await selectAccounts({ input_file: file }, true);
    expect(r.accounts).toEqual(names);
    expect(r.duplicates).toEqual([names[42].toUpperCase()]);
  });
});

import { readFile } from 'node:fs/promises';
import { ValidationError } from '../errors';
import { dedupeAccounts, parseInputFile } from '../ha/input-file';
import type { ParamSpec } from './spec';

export const accountsParam: ParamSpec = { name: 'accounts', kind: 'accounts', description: 'comma-separated exact addresses (no wildcards, no distribution lists)' };
export const inputFileParam: ParamSpec = { name: 'input_file', kind: 'file', description: 'file with one account per line (blank lines and surrounding spaces ignored, CRLF accepted)' };

export interface AccountSelection {
  accounts: string[];
  /** Names given more than once, reported once each. */
  duplicates: string[];
}

/**
 * The accounts a command acts on, from `accounts a,b` or `input_file PATH` (not both).
 * Duplicates are dropped and reported once; an unreadable or empty file is refused.
 */
export async function selectAccounts(args: { accounts?: string[]; input_file?: string }, required: true): Promise<AccountSelection>;
export async function selectAccounts(args: { accounts?: string[]; input_file?: string }, required: false): Promise<AccountSelection | undefined>;
export async function selectAccounts(args: { accounts?: string[]; input_file?: string }, required: boolean): Promise<AccountSelection | undefined> {
  if (args.accounts && args.input_file) {
    throw ValidationError.single('input_file', 'give the accounts either as "accounts a,b" or as "input_file PATH", not both');
  }
  if (args.input_file !== undefined) return readAccountsFile(args.input_file);
  if (args.accounts) return dedupeAccounts(args.accounts);
  if (!required) return undefined;
  throw ValidationError.single('accounts', 'missing accounts: give "accounts a@example.com,b@example.com" or "input_file PATH"');
}

async function readAccountsFile(path: string): Promise<AccountSelection> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw ValidationError.single('input_file', `input_file ${path} cannot be read: ${why}`);
  }
  const parsed = parseInputFile(text);
  if (parsed.accounts.length === 0) throw ValidationError.single('input_file', `input_file ${path} lists no account (it is empty or has only blank lines)`);
  return parsed;
}

import { ApiError } from '@/components/data/api';
import { Callout } from '@/components/ui/states';
import { problemsByAccount } from './account-list';

/** Splits a command's error into problems per field, per account, and the rest (shown on top). */
export function commandProblems(error: unknown, accounts: string[], fields: string[]) {
  const api = error instanceof ApiError ? error : null;
  const problems = api?.problems ?? [];
  const byAccount = problemsByAccount(problems, accounts);
  const byField = Object.fromEntries(fields.map((f) => [f, problems.filter((p) => p.field === f).map((p) => p.message).join('; ') || undefined])) as Record<string, string | undefined>;
  const placed = new Set([...fields, ...accounts]);
  const other = problems.filter((p) => !placed.has(p.field) && !/^accounts\.\d+$/.test(p.field));
  return { byAccount, byField, other, error: error ? (api ?? new ApiError(0, 'unknown', String(error))) : null };
}

export function CommandErrorCallout({ error, other, accountsRefused }: { error: ApiError | null; other: { field: string; message: string }[]; accountsRefused: number }) {
  if (!error) return null;
  return (
    <Callout tone="error" title={error.code === 'license_exceeded' ? 'Licence exceeded' : 'Nothing was changed'}>
      <p>{error.message}</p>
      {accountsRefused > 0 && <p className="mt-1">{accountsRefused} account{accountsRefused > 1 ? 's were' : ' was'} refused: see the reasons beside them below.</p>}
      {other.length > 0 && <ul className="mt-1 list-disc pl-5">{other.map((p, i) => <li key={i}><span className="font-medium">{p.field}</span>: {p.message}</li>)}</ul>}
    </Callout>
  );
}

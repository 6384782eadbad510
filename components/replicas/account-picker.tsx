'use client';

import { useId, useRef, useState } from 'react';
import { useAccountSearch } from '@/components/data/use-account-search';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input, Textarea } from '@/components/ui/field';
import { Icon } from '@/components/ui/icons';
import { parseAccountList } from './account-list';

const SHOWN = 200;

/**
 * Accounts for a command, three ways: search the directory, paste a list, or upload a file
 * (one account per line, as the CLI's input_file). Each account the core refused shows its
 * reason beside it.
 */
export function AccountPicker({ value, onChange, problems, hostsOf }: {
  value: string[];
  onChange: (accounts: string[]) => void;
  problems: Map<string, string[]>;
  /** Remembers the source mailstore of accounts picked from search. */
  hostsOf?: (hosts: Record<string, string>) => void;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const [paste, setPaste] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const search = useAccountSearch(q);
  const add = (names: string[]) => onChange([...new Set([...value, ...names])]);
  const remove = (name: string) => onChange(value.filter((v) => v !== name));
  const refused = value.filter((v) => problems.has(v));

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 8 * 1024 * 1024) {
      setFileNote(`${file.name} is over 8 MiB: split it into smaller files.`);
      return;
    }
    const names = parseAccountList(await file.text());
    add(names);
    setFileNote(`${names.length.toLocaleString()} account${names.length === 1 ? '' : 's'} read from ${file.name}`);
    if (fileRef.current) fileRef.current.value = '';
  };

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Accounts</legend>
      <div className="relative">
        <label htmlFor={`${id}-search`} className="sr-only">Search accounts to add</label>
        <span className="pointer-events-none absolute inset-y-0 left-0 flex items-center pl-2.5 text-slate-400"><Icon name="search" className="size-4" /></span>
        <Input id={`${id}-search`} type="search" placeholder="Search the directory (at least 2 characters)" value={q} onChange={(e) => setQ(e.target.value)} className="pl-8" autoComplete="off"
          aria-controls={`${id}-hits`} />
        {q.trim().length >= 2 && (
          <ul id={`${id}-hits`} role="listbox" aria-label="Matching accounts" className="absolute z-10 mt-1 max-h-56 w-full overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200">
            {search.isPending ? <li className="px-3 py-2 text-slate-500">Searching…</li>
              : search.isError ? <li className="px-3 py-2 text-rose-600">{search.error.message}</li>
              : search.data.length === 0 ? <li className="px-3 py-2 text-slate-500">No account matches “{q.trim()}”.</li>
              : search.data.map((h) => (
                <li key={h.id} role="option" aria-selected={value.includes(h.name)}>
                  <button type="button" className="flex w-full items-center justify-between gap-3 px-3 py-1.5 text-left hover:bg-indigo-50 focus:bg-indigo-50 focus:outline-none"
                    onClick={() => {
                      add([h.name]);
                      hostsOf?.({ [h.name]: h.mailHost });
                      setQ('');
                    }}>
                    <span className="truncate">{h.name}</span>
                    <span className="flex shrink-0 items-center gap-1.5 text-xs text-slate-500">
                      {h.kind === 'distribution_list' && <Badge tone="amber">list</Badge>}
                      {h.mailHost}
                      {h.replicas.length > 0 && <Badge tone="blue">{h.replicas.length} replica{h.replicas.length > 1 ? 's' : ''}</Badge>}
                    </span>
                  </button>
                </li>
              ))}
          </ul>
        )}
      </div>
      <div className="grid gap-2 sm:grid-cols-[1fr_auto]">
        <div>
          <label htmlFor={`${id}-paste`} className="sr-only">Paste accounts</label>
          <Textarea id={`${id}-paste`} rows={2} placeholder="Paste accounts: one per line or comma-separated" value={paste} onChange={(e) => setPaste(e.target.value)} />
        </div>
        <div className="flex flex-row gap-2 sm:flex-col">
          <Button size="sm" onClick={() => { add(parseAccountList(paste)); setPaste(''); }} disabled={!paste.trim()}>Add pasted</Button>
          <Button size="sm" icon={<Icon name="upload" className="size-3.5" />} onClick={() => fileRef.current?.click()}>Upload file</Button>
          <input ref={fileRef} type="file" accept=".txt,.csv,text/plain" className="sr-only" aria-label="Upload a file of accounts, one per line" data-testid="account-file" onChange={(e) => void onFile(e.target.files?.[0])} />
        </div>
      </div>
      {fileNote && <p className="text-xs text-slate-500" role="status">{fileNote}</p>}
      <div className="rounded-md border border-slate-200 bg-slate-50/60">
        <div className="flex items-center justify-between border-b border-slate-200 px-3 py-1.5 text-xs text-slate-500">
          <span><span className="font-semibold text-slate-800" data-testid="picked-count">{value.length.toLocaleString()}</span> account{value.length === 1 ? '' : 's'}{refused.length > 0 && <span className="text-rose-600"> · {refused.length} refused</span>}</span>
          {value.length > 0 && <button type="button" className="font-medium text-indigo-600 hover:text-indigo-500" onClick={() => onChange([])}>Clear all</button>}
        </div>
        {value.length === 0 ? <p className="px-3 py-3 text-xs text-slate-400">No account yet.</p> : (
          <ul className="max-h-48 space-y-1 overflow-y-auto p-2" aria-label="Chosen accounts">
            {[...refused, ...value.filter((v) => !problems.has(v))].slice(0, SHOWN).map((name) => (
              <li key={name} data-testid="picked-account" className={`rounded px-2 py-1 text-xs ${problems.has(name) ? 'bg-rose-50 ring-1 ring-rose-200' : 'bg-white ring-1 ring-slate-200'}`}>
                <div className="flex items-center justify-between gap-2">
                  <span className="truncate font-medium text-slate-800">{name}</span>
                  <button type="button" onClick={() => remove(name)} className="rounded px-1 text-slate-400 hover:text-slate-700" aria-label={`Remove ${name}`}>✕</button>
                </div>
                {problems.get(name)?.map((m) => <p key={m} className="mt-0.5 text-rose-700" role="alert">{m}</p>)}
              </li>
            ))}
            {value.length > SHOWN && <li className="px-2 py-1 text-xs text-slate-500">… and {(value.length - SHOWN).toLocaleString()} more</li>}
          </ul>
        )}
      </div>
    </fieldset>
  );
}

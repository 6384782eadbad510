'use client';

import { useState } from 'react';
import { useMailstores } from '@/components/data/use-mailstores';
import { usePromote, usePromotionPlan, type PromoteInput } from '@/components/data/use-replica-commands';
import { OperationProgress } from '@/components/operations/operation-progress';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { Callout } from '@/components/ui/states';
import { AccountPicker } from './account-picker';
import { CommandErrorCallout, commandProblems } from './command-errors';
import { PromotionPlanTable } from './promotion-plan-table';

/** promoteAccounts: a dry run first (where each account goes, what blocks it), then a confirmed promotion. */
export function PromoteDialog({ open, onClose, initialAccounts, onDone }: { open: boolean; onClose: () => void; initialAccounts: string[]; onDone?: () => void }) {
  const [mode, setMode] = useState<'accounts' | 'mailstore'>('accounts');
  const [accounts, setAccounts] = useState(initialAccounts);
  const [source, setSource] = useState('');
  const [destination, setDestination] = useState('');
  const [threads, setThreads] = useState('4');
  const [confirmed, setConfirmed] = useState(false);
  const mailstores = useMailstores({ enabled: open });
  const plan = usePromotionPlan();
  const promote = usePromote();
  const input: PromoteInput = {
    ...(mode === 'accounts' ? { accounts } : { sourceMailHost: source }),
    ...(destination ? { destination } : {}),
    threads: Number(threads),
  };
  const failed = promote.error ?? plan.error;
  const { byAccount, byField, other, error } = commandProblems(failed, accounts, ['sourceMailHost', 'source_mail_host', 'destination', 'threads']);
  const sourceError = byField.sourceMailHost ?? byField.source_mail_host;
  const promotable = plan.data?.plan.filter((r) => r.blockers.length === 0).length ?? 0;
  const changed = () => {
    plan.reset();
    promote.reset();
    setConfirmed(false);
  };
  const ready = mode === 'accounts' ? accounts.length > 0 : !!source;

  return (
    <Dialog open={open} onClose={onClose} size="xl" title="Promote accounts"
      description="Move accounts to a replica: the source is fenced, the replica catches up to the last event, then serves the account. Works with the source down."
      footer={promote.data ? <Button onClick={onClose}>Close</Button> : (
        <>
          <Button onClick={onClose}>Cancel</Button>
          {!plan.data ? (
            <Button variant="primary" onClick={() => plan.mutate(input)} busy={plan.isPending} disabled={!ready}>Dry run</Button>
          ) : (
            <Button variant="danger" onClick={() => promote.mutate(input, { onSuccess: () => onDone?.() })} busy={promote.isPending} disabled={!confirmed || promotable === 0}>
              Promote {promotable.toLocaleString()} account{promotable === 1 ? '' : 's'}
            </Button>
          )}
        </>
      )}>
      {promote.data ? <OperationProgress operationId={promote.data.operationId} /> : (
        <div className="space-y-5">
          <CommandErrorCallout error={error} other={other} accountsRefused={byAccount.size} />
          <div role="radiogroup" aria-label="What to promote" className="inline-flex rounded-md bg-slate-100 p-0.5 text-sm">
            {(['accounts', 'mailstore'] as const).map((m) => (
              <button key={m} type="button" role="radio" aria-checked={mode === m} onClick={() => { setMode(m); changed(); }}
                className={`rounded px-3 py-1.5 font-medium ${mode === m ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}>
                {m === 'accounts' ? 'Accounts' : 'Every account of a mailstore'}
              </button>
            ))}
          </div>
          {mode === 'accounts' ? (
            <AccountPicker value={accounts} onChange={(a) => { setAccounts(a); changed(); }} problems={byAccount} />
          ) : (
            <Field id="pr-source" label="Source mailstore" error={sourceError} hint="Every account it hosts that has a replica. It may be down.">
              <Select id="pr-source" value={source} onChange={(e) => { setSource(e.target.value); changed(); }} invalid={!!sourceError} aria-describedby={describedBy('pr-source', sourceError, true)}>
                <option value="">Choose a mailstore</option>
                {(mailstores.data ?? []).map((s) => <option key={s.host} value={s.host}>{s.host}{s.nodeUp ? '' : ' (down)'} — {s.accountsHosted.toLocaleString()} accounts</option>)}
              </Select>
            </Field>
          )}
          <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
            <Field id="pr-destination" label="Destination" error={byField.destination} hint="By default each account goes to its available replica with the lowest priority number.">
              <Select id="pr-destination" value={destination} onChange={(e) => { setDestination(e.target.value); changed(); }} invalid={!!byField.destination} aria-describedby={describedBy('pr-destination', byField.destination, true)}>
                <option value="">Best replica (lowest priority)</option>
                {(mailstores.data ?? []).map((s) => <option key={s.host} value={s.host}>{s.host}</option>)}
              </Select>
            </Field>
            <Field id="pr-threads" label="Threads" error={byField.threads}>
              <Input id="pr-threads" type="number" min={1} max={64} value={threads} onChange={(e) => { setThreads(e.target.value); changed(); }} invalid={!!byField.threads} aria-describedby={describedBy('pr-threads', byField.threads)} />
            </Field>
          </div>
          {plan.data && (
            <section aria-label="Dry run" className="space-y-3">
              <h3 className="text-sm font-semibold text-slate-900">Dry run: {promotable} of {plan.data.plan.length} would be promoted</h3>
              <PromotionPlanTable plan={plan.data.plan} />
              {promotable > 0 ? (
                <label className="flex items-start gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="mt-0.5 size-4 accent-rose-600" />
                  <span>I understand that these {promotable} account{promotable === 1 ? '' : 's'} move to the destination shown, and that their current source stops serving them.</span>
                </label>
              ) : <Callout tone="warn" title="Nothing can be promoted">Every account is blocked; see the reasons above.</Callout>}
            </section>
          )}
        </div>
      )}
    </Dialog>
  );
}

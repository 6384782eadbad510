'use client';

import { useState } from 'react';
import { useMailstores } from '@/components/data/use-mailstores';
import { useRemoveDestination } from '@/components/data/use-replica-commands';
import { OperationProgress } from '@/components/operations/operation-progress';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describedBy, Field, Select } from '@/components/ui/field';
import { Callout } from '@/components/ui/states';
import { AccountPicker } from './account-picker';
import { CommandErrorCallout, commandProblems } from './command-errors';

/** removeAccountDestination: deletes the replicated metadata on one mailstore, after confirmation. */
export function RemoveDialog({ open, onClose, initialAccounts, initialDestination = '', onDone }: { open: boolean; onClose: () => void; initialAccounts: string[]; initialDestination?: string; onDone?: () => void }) {
  const [accounts, setAccounts] = useState(initialAccounts);
  const [destination, setDestination] = useState(initialDestination);
  const [confirmed, setConfirmed] = useState(false);
  const mailstores = useMailstores({ enabled: open });
  const m = useRemoveDestination();
  const { byAccount, byField, other, error } = commandProblems(m.error, accounts, ['destination']);
  const holders = (mailstores.data ?? []).filter((s) => s.replicasHeld > 0 || s.host === destination);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    m.mutate({ destination, accounts }, { onSuccess: () => onDone?.() });
  };
  return (
    <Dialog open={open} onClose={onClose} size="lg" title="Remove replicas"
      description="Deletes the replicated metadata of these accounts on one mailstore. Their source is not touched."
      footer={m.data ? <Button onClick={onClose}>Close</Button> : (
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" type="submit" form="remove-form" busy={m.isPending} disabled={!confirmed || accounts.length === 0 || !destination}>Remove replicas</Button>
        </>
      )}>
      {m.data ? <OperationProgress operationId={m.data.operationId} /> : (
        <form id="remove-form" onSubmit={submit} className="space-y-5" noValidate>
          <CommandErrorCallout error={error} other={other} accountsRefused={byAccount.size} />
          <AccountPicker value={accounts} onChange={setAccounts} problems={byAccount} />
          <Field id="rm-destination" label="Mailstore holding the replicas" error={byField.destination}>
            <Select id="rm-destination" value={destination} onChange={(e) => setDestination(e.target.value)} invalid={!!byField.destination} aria-describedby={describedBy('rm-destination', byField.destination)}>
              <option value="">Choose a mailstore</option>
              {holders.map((s) => <option key={s.host} value={s.host}>{s.host} — {s.replicasHeld.toLocaleString()} replicas</option>)}
            </Select>
          </Field>
          <Callout tone="warn" title="This cannot be undone">
            The accounts lose this replica: a promotion can no longer use it. Setting the destination again re-initialises it from a snapshot.
          </Callout>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="mt-0.5 size-4 accent-rose-600" />
            <span>Yes, remove the replicas of {accounts.length.toLocaleString()} account{accounts.length === 1 ? '' : 's'}{destination ? ` on ${destination}` : ''}.</span>
          </label>
        </form>
      )}
    </Dialog>
  );
}

'use client';

import { useState } from 'react';
import { useMailstores } from '@/components/data/use-mailstores';
import { useSetDestination } from '@/components/data/use-replica-commands';
import { OperationProgress } from '@/components/operations/operation-progress';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { AccountPicker } from './account-picker';
import { CommandErrorCallout, commandProblems } from './command-errors';

/** setAccountDestination: replicate accounts to a mailstore, with a priority. */
export function SetDestinationDialog({ open, onClose, initialAccounts, onDone }: { open: boolean; onClose: () => void; initialAccounts: string[]; onDone?: () => void }) {
  const [accounts, setAccounts] = useState(initialAccounts);
  const [destination, setDestination] = useState('');
  const [priority, setPriority] = useState('10');
  const [sources, setSources] = useState<Record<string, string>>({});
  const mailstores = useMailstores({ enabled: open });
  const m = useSetDestination();
  const { byAccount, byField, other, error } = commandProblems(m.error, accounts, ['destination', 'priority']);
  // A mailstore that is the source of every picked account cannot hold their replica.
  const knownSources = accounts.map((a) => sources[a]).filter(Boolean);
  const sourceOfAll = knownSources.length === accounts.length && new Set(knownSources).size === 1 ? knownSources[0] : null;
  const eligible = (mailstores.data ?? []).filter((s) => s.eligible && s.host !== sourceOfAll);
  const notOffered = (mailstores.data ?? []).filter((s) => !s.eligible);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    m.mutate({ destination, priority: Number(priority), accounts }, { onSuccess: () => onDone?.() });
  };
  return (
    <Dialog open={open} onClose={onClose} size="lg" title="Set destination"
      description="Replicate accounts to another mailstore. The replica is initialised from a snapshot, then kept live from the event stream."
      footer={m.data ? <Button onClick={onClose}>Close</Button> : (
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="set-destination-form" busy={m.isPending} disabled={accounts.length === 0 || !destination}>
            Replicate {accounts.length > 0 ? `${accounts.length.toLocaleString()} account${accounts.length > 1 ? 's' : ''}` : ''}
          </Button>
        </>
      )}>
      {m.data ? <OperationProgress operationId={m.data.operationId} /> : (
        <form id="set-destination-form" onSubmit={submit} className="space-y-5" noValidate>
          <CommandErrorCallout error={error} other={other} accountsRefused={byAccount.size} />
          <AccountPicker value={accounts} onChange={setAccounts} problems={byAccount} hostsOf={(h) => setSources((s) => ({ ...s, ...h }))} />
          <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
            <Field id="sd-destination" label="Destination mailstore" error={byField.destination}
              hint={notOffered.length > 0 ? `Not offered: ${notOffered.map((s) => `${s.host} (${s.ineligibleReason})`).join('; ')}` : 'Mailstores with centralized primary volumes whose node is up.'}>
              <Select id="sd-destination" value={destination} onChange={(e) => setDestination(e.target.value)} invalid={!!byField.destination}
                aria-describedby={describedBy('sd-destination', byField.destination, true)} required>
                <option value="">{mailstores.isPending ? 'Loading mailstores…' : eligible.length ? 'Choose a mailstore' : 'No eligible mailstore'}</option>
                {eligible.map((s) => <option key={s.host} value={s.host}>{s.host} — {s.replicasHeld.toLocaleString()} replicas held</option>)}
              </Select>
            </Field>
            <Field id="sd-priority" label="Priority" error={byField.priority} hint="Lower wins at promotion.">
              <Input id="sd-priority" type="number" inputMode="numeric" min={0} step={1} value={priority} onChange={(e) => setPriority(e.target.value)}
                invalid={!!byField.priority} aria-describedby={describedBy('sd-priority', byField.priority, true)} required />
            </Field>
          </div>
        </form>
      )}
    </Dialog>
  );
}

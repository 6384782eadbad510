'use client';

import { useState } from 'react';
import { usePauseOrRestart } from '@/components/data/use-replica-commands';
import { OperationProgress } from '@/components/operations/operation-progress';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { AccountPicker } from './account-picker';
import { CommandErrorCallout, commandProblems } from './command-errors';

const TEXT = {
  pause: {
    title: 'Pause replicas',
    description: 'Replicas of these accounts stop applying events; the events wait in the stream. Restart resumes them.',
    button: 'Pause',
  },
  restart: {
    title: 'Restart replicas',
    description: 'Paused replicas resume from where they stopped; failed ones are re-initialised from a snapshot.',
    button: 'Restart',
  },
};

/** pauseReplicas / restartReplicas on every replica of the chosen accounts. */
export function PauseRestartDialog({ action, open, onClose, initialAccounts, onDone }: { action: 'pause' | 'restart'; open: boolean; onClose: () => void; initialAccounts: string[]; onDone?: () => void }) {
  const [accounts, setAccounts] = useState(initialAccounts);
  const m = usePauseOrRestart(action);
  const { byAccount, other, error } = commandProblems(m.error, accounts, []);
  const t = TEXT[action];
  const n = accounts.length;
  return (
    <Dialog open={open} onClose={onClose} size="lg" title={t.title} description={t.description}
      footer={m.data ? <Button onClick={onClose}>Close</Button> : (
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={m.isPending} disabled={n === 0} onClick={() => m.mutate({ accounts }, { onSuccess: () => onDone?.() })}>
            {t.button} {n > 0 ? `${n.toLocaleString()} account${n > 1 ? 's' : ''}` : ''}
          </Button>
        </>
      )}>
      {m.data ? <OperationProgress operationId={m.data.operationId} /> : (
        <div className="space-y-5">
          <CommandErrorCallout error={error} other={other} accountsRefused={byAccount.size} />
          <AccountPicker value={accounts} onChange={setAccounts} problems={byAccount} />
        </div>
      )}
    </Dialog>
  );
}

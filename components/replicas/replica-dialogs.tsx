'use client';

import type { ReplicaAction } from './action-bar';
import { PauseRestartDialog } from './pause-restart-dialog';
import { PromoteDialog } from './promote-dialog';
import { RemoveDialog } from './remove-dialog';
import { SetDestinationDialog } from './set-destination-dialog';

/** Mounts the dialog of the chosen command, fresh each time (keyed), with the selected accounts. */
export function ReplicaDialogs({ action, accounts, destination, onClose, onDone }: { action: ReplicaAction | null; accounts: string[]; destination?: string; onClose: () => void; onDone?: () => void }) {
  if (!action) return null;
  const common = { open: true, onClose, initialAccounts: accounts, onDone };
  switch (action) {
    case 'set':
      return <SetDestinationDialog {...common} />;
    case 'promote':
      return <PromoteDialog {...common} />;
    case 'remove':
      return <RemoveDialog {...common} initialDestination={destination} />;
    case 'pause':
    case 'restart':
      return <PauseRestartDialog key={action} action={action} {...common} />;
  }
}

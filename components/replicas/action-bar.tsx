'use client';

import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';

export type ReplicaAction = 'set' | 'promote' | 'pause' | 'restart' | 'remove';

/** The commands of the replica view: they act on the selected accounts (or ask for accounts). */
export function ActionBar({ selected, onAction, onClear }: { selected: string[]; onAction: (a: ReplicaAction) => void; onClear: () => void }) {
  const n = selected.length;
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2" role="toolbar" aria-label="Replica commands">
      <Button variant="primary" icon={<Icon name="plus" className="size-4" />} onClick={() => onAction('set')}>Set destination</Button>
      <Button icon={<Icon name="arrowUp" className="size-4" />} onClick={() => onAction('promote')}>Promote</Button>
      <Button icon={<Icon name="pause" className="size-4" />} onClick={() => onAction('pause')}>Pause</Button>
      <Button icon={<Icon name="play" className="size-4" />} onClick={() => onAction('restart')}>Restart</Button>
      <Button variant="ghost" className="text-rose-600 hover:bg-rose-50 hover:text-rose-700" icon={<Icon name="trash" className="size-4" />} onClick={() => onAction('remove')}>Remove</Button>
      <div className="ml-auto text-sm text-slate-500" aria-live="polite">
        {n > 0 ? (
          <span>{n} account{n > 1 ? 's' : ''} selected · <button type="button" className="font-medium text-indigo-600 hover:text-indigo-500" onClick={onClear}>clear</button></span>
        ) : 'Select accounts in the table, or name them in the dialog.'}
      </div>
    </div>
  );
}

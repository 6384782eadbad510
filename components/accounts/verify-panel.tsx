'use client';

import { useVerify } from '@/components/data/use-replica-commands';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { Callout } from '@/components/ui/states';

/** verify: compares the source's and each replica's metadata (digest, then the first differences). */
export function VerifyButton({ account, onResult }: { account: string; onResult?: () => void }) {
  const m = useVerify();
  return (
    <div className="contents">
      <Button icon={<Icon name="check" className="size-4" />} busy={m.isPending} onClick={() => m.mutate({ account }, { onSettled: onResult })}>Verify</Button>
      {(m.data || m.error) && (
        <div className="w-full" aria-live="polite" data-testid="verify-result">
          {m.error ? <Callout tone="error" title="Verify failed">{m.error.message}</Callout> : m.data && (
            <Callout tone={m.data.replicas.every((r) => r.equal) ? 'success' : 'warn'} title={m.data.replicas.every((r) => r.equal) ? 'Every replica is equal to the source' : 'A replica differs from the source'}>
              <ul className="mt-1 space-y-1">
                {m.data.replicas.map((r) => (
                  <li key={r.destination} className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{r.destination}</span>
                    {r.equal ? <Badge tone="green">equal</Badge> : <Badge tone="red">differs</Badge>}
                    {r.sequence !== null && <span className="text-xs">at sequence {r.sequence.toLocaleString()}</span>}
                    {r.message && <span className="text-xs">{r.message}</span>}
                    {r.differences.slice(0, 5).map((d) => <span key={d.itemId} className="text-xs">item {d.itemId}: {d.source ?? 'missing'} ≠ {d.replica ?? 'missing'}</span>)}
                  </li>
                ))}
              </ul>
            </Callout>
          )}
        </div>
      )}
    </div>
  );
}

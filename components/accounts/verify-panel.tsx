import type { VerifyResult } from '@/lib/schemas/views';
import { Badge } from '@/components/ui/badge';
import { Callout } from '@/components/ui/states';

/** verify's answer: each replica equal to the source at one sequence, or the first items that differ. */
export function VerifyResultPanel({ result, error }: { result?: VerifyResult; error?: Error | null }) {
  if (!result && !error) return null;
  const allEqual = result?.replicas.every((r) => r.equal) ?? false;
  return (
    <div className="mb-6" aria-live="polite" data-testid="verify-result">
      {error ? <Callout tone="error" title="Verify failed">{error.message}</Callout> : result && (
        <Callout tone={allEqual ? 'success' : 'warn'} title={allEqual ? 'Every replica is equal to the source' : 'A replica differs from the source'}>
          <ul className="mt-1 space-y-1">
            {result.replicas.map((r) => (
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
  );
}

'use client';

import { useLicense } from '@/components/data/use-settings';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/states';

export function LicenseCard() {
  const q = useLicense();
  return (
    <Card aria-labelledby="license-title">
      <CardHeader id="license-title" title="Licence" description="HA is licensed per enabled account (an account with at least one replica)." />
      <CardBody>
        {q.isPending ? <LoadingState /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : (() => {
          const used = q.data.enabledAccounts;
          const quantity = q.data.ha_basic.quantity;
          const pct = quantity ? Math.min(100, (used / quantity) * 100) : 100;
          return (
            <div className="space-y-4" data-testid="license">
              <div className="flex items-baseline justify-between">
                <div><span className="text-2xl font-semibold text-slate-900 tabular-nums">{used.toLocaleString()}</span> <span className="text-sm text-slate-500">of {quantity.toLocaleString()} accounts enabled</span></div>
                <span className="text-sm text-slate-500">{pct > 0 && pct < 1 ? '< 1' : Math.round(pct)}%</span>
              </div>
              <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="meter" aria-label="Licensed accounts in use" aria-valuemin={0} aria-valuemax={quantity} aria-valuenow={used}>
                <div className={`h-full ${pct >= 90 ? 'bg-rose-500' : pct >= 75 ? 'bg-amber-500' : 'bg-indigo-500'}`} style={{ width: `${Math.max(pct, used > 0 ? 0.5 : 0)}%` }} />
              </div>
              <dl className="grid grid-cols-2 gap-3 text-sm">
                <div className="rounded-md bg-slate-50 p-3"><dt className="text-xs text-slate-500">ZxHA module</dt><dd className="mt-1 flex items-center gap-2">{q.data.ZxHA.quantity.toLocaleString()} {q.data.ZxHA.licensed ? <Badge tone="green">licensed</Badge> : <Badge tone="red">not licensed</Badge>}</dd></div>
                <div className="rounded-md bg-slate-50 p-3"><dt className="text-xs text-slate-500">ha_basic</dt><dd className="mt-1 flex items-center gap-2">{quantity.toLocaleString()} {q.data.ha_basic.enabled ? <Badge tone="green">enabled</Badge> : <Badge tone="red">disabled</Badge>}</dd></div>
              </dl>
            </div>
          );
        })()}
      </CardBody>
    </Card>
  );
}

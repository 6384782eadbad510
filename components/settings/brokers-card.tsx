'use client';

import { useState } from 'react';
import { ApiError } from '@/components/data/api';
import { useBrokers, useSaveBrokers, useTestBrokers } from '@/components/data/use-settings';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { describedBy, Field, Input } from '@/components/ui/field';
import { Callout, ErrorState, LoadingState } from '@/components/ui/states';
import { Ago } from '@/components/ui/time';

/** Brokers: edit, test the connection to each, then save (saving an untested list is not offered). */
export function BrokersCard() {
  const q = useBrokers();
  const test = useTestBrokers();
  const save = useSaveBrokers();
  const [draft, setValue] = useState<string | null>(null);
  const [auth, setAuth] = useState('');
  const [testedValue, setTestedValue] = useState<string | null>(null);
  const current = q.data?.brokers.join(',') ?? '';
  const value = draft ?? current;

  const tested = testedValue === value.trim() && test.data;
  const fieldError = (test.error instanceof ApiError && test.error.problemFor('brokers')) || (save.error instanceof ApiError && save.error.problemFor('brokers')) || undefined;
  const authError = test.error instanceof ApiError ? test.error.problemFor('authentication') : undefined;
  const runTest = () => {
    save.reset();
    const v = value.trim();
    test.mutate({ brokers: v, ...(auth ? { authentication: auth } : {}) }, { onSuccess: () => setTestedValue(v) });
  };

  return (
    <Card aria-labelledby="brokers-title">
      <CardHeader id="brokers-title" title="Kafka brokers" description="Every mailstore publishes to and consumes from these brokers; nodes reconnect within seconds of a change." />
      <CardBody>
        {q.isPending ? <LoadingState /> : q.isError ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : (
          <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); runTest(); }} noValidate>
            <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
              Now: {q.data.brokers.length ? q.data.brokers.map((b) => <Badge key={b} tone="slate" className="font-mono">{b}</Badge>) : <span className="text-slate-400">none configured</span>}
              {q.data.updatedAt && <span className="text-xs text-slate-400">changed <Ago iso={q.data.updatedAt} /></span>}
            </div>
            <Field id="brokers" label="Brokers" error={fieldError} hint="host:port, comma-separated (e.g. event1.example.com:9092,event2.example.com:9092)">
              <Input id="brokers" value={value} onChange={(e) => { setValue(e.target.value); save.reset(); }} className="font-mono" spellCheck={false}
                invalid={!!fieldError} aria-describedby={describedBy('brokers', fieldError, true)} />
            </Field>
            <Field id="broker-auth" label="SASL credentials for the test (optional)" error={authError} hint="MECHANISM:USERNAME:PASSWORD, e.g. scram-sha-256:ha:secret. Not stored.">
              <Input id="broker-auth" type="password" autoComplete="off" value={auth} onChange={(e) => setAuth(e.target.value)} invalid={!!authError} aria-describedby={describedBy('broker-auth', authError, true)} />
            </Field>
            {tested && (
              <div className="rounded-md ring-1 ring-slate-200" data-testid="broker-test-result">
                <ul className="divide-y divide-slate-100 text-sm">
                  {test.data.brokers.map((b) => (
                    <li key={b.broker} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                      <span className="font-mono text-xs">{b.broker}</span>
                      {b.reachable
                        ? <span className="flex items-center gap-2 text-xs text-slate-500"><Badge tone="green">reachable</Badge>{b.latencyMs !== undefined && `${b.latencyMs} ms`}{b.clusterSize !== undefined && ` · cluster of ${b.clusterSize}`}</span>
                        : <span className="flex items-center gap-2 text-xs text-rose-700"><Badge tone="red">unreachable</Badge>{b.error}</span>}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {save.isSuccess && <Callout tone="success" title="Brokers saved">Mailstore nodes pick the new list up within a few seconds.</Callout>}
            {save.error && !fieldError && <Callout tone="error" title="Not saved">{save.error.message}</Callout>}
            {test.error && !fieldError && !authError && <Callout tone="error" title="The test could not run">{test.error.message}</Callout>}
            <div className="flex flex-wrap justify-end gap-2">
              <Button type="submit" busy={test.isPending} disabled={!value.trim()}>Test connection</Button>
              {tested && test.data.allReachable && <Button variant="primary" busy={save.isPending} disabled={value.trim() === current} onClick={() => save.mutate(value.trim())}>Save brokers</Button>}
              {tested && !test.data.allReachable && (
                <Button variant="danger" busy={save.isPending} disabled={value.trim() === current} onClick={() => save.mutate(value.trim())}>Save anyway (unreachable brokers)</Button>
              )}
            </div>
            {!tested && value.trim() !== current && <p className="text-right text-xs text-slate-500">Test the new list before saving it.</p>}
          </form>
        )}
      </CardBody>
    </Card>
  );
}

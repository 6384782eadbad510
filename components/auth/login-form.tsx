'use client';

import { useState } from 'react';
import { api, ApiError } from '@/components/data/api';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';
import { hardNavigate } from '@/components/ui/navigate';
import { Callout } from '@/components/ui/states';

export function LoginForm({ next }: { next: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/login', { email, password });
      hardNavigate(next);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
      setBusy(false);
    }
  };
  const emailError = error?.problemFor('email');
  const passwordError = error?.problemFor('password');
  const general = error && !emailError && !passwordError ? error : null;
  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-label="Sign in">
      {general && (
        <Callout tone="error" title={general.status === 429 ? 'Sign-in locked for a while' : 'Could not sign in'}>
          {general.message}
        </Callout>
      )}
      <Field id="email" label="E-mail" error={emailError}>
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus value={email}
          onChange={(e) => setEmail(e.target.value)} invalid={!!emailError} aria-describedby={describedBy('email', emailError)} />
      </Field>
      <Field id="password" label="Password" error={passwordError}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} invalid={!!passwordError} aria-describedby={describedBy('password', passwordError)} />
      </Field>
      <Button type="submit" variant="primary" className="w-full" busy={busy}>Sign in</Button>
    </form>
  );
}

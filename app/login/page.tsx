import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { Icon } from '@/components/ui/icons';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { safeNextPath } from '@/lib/web/access-gate';
import { pageIdentity } from '@/lib/web/auth-handlers';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in · Carbonio HA' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (await pageIdentity((await cookies()).get(SESSION_COOKIE)?.value)) redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span className="flex size-11 items-center justify-center rounded-xl bg-indigo-600 text-white shadow-sm"><Icon name="shield" className="size-6" /></span>
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">Sign in to Carbonio HA</h1>
          <p className="mt-1 text-sm text-slate-500">Active Replica administration console</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <LoginForm next={next} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">Administrators only. Every action is recorded in the audit log.</p>
      </div>
    </main>
  );
}

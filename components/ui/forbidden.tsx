import Link from 'next/link';

export function Forbidden({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-lg rounded-lg bg-white px-6 py-10 text-center shadow-sm ring-1 ring-slate-200" role="alert">
      <h1 className="text-lg font-semibold text-slate-900">Global administrators only</h1>
      <p className="mt-2 text-sm text-slate-500">Your role is read-only and limited to your domains, so {what} is not shown.</p>
      <Link href="/replicas" className="mt-4 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">Go to your replicas →</Link>
    </div>
  );
}

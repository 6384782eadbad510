import { getHealth } from '@/lib/ha/health';
import { consoleContext } from '@/lib/web/console-context';

export const dynamic = 'force-dynamic';

/** Public liveness and readiness probe: 200 when everything is up, 503 naming what is not. */
export async function GET() {
  try {
    const report = await getHealth(consoleContext());
    return Response.json(report, { status: report.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return Response.json({ ok: false, failing: ['console'], error: (err as Error).message }, { status: 503 });
  }
}

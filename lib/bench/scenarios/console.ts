import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { ensureAdminUser } from '../../auth/admin-users';
import { projectRoot } from '../../config/paths';
import { createHaPrisma } from '../../db/prisma';
import { startChild } from '../../stack/child-process';
import { ensureConsoleBuild } from '../../stack/console-build';
import type { BenchContext } from '../context';
import { BENCH_DIR } from '../infrastructure';
import { median } from '../progress';
import { below, result, type BenchResult } from '../result';
import { statusFixture } from './status';

export const CONSOLE_GOAL = below(1.5, 's');
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** In the page: when the HTML, the DOM (scripts run) and the status API call ended, ms since navigation start. */
const BROWSER_TIMINGS = () => {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/api/accounts')).pop();
  return { html: nav.responseEnd, scripts: nav.domContentLoadedEventEnd, apiStart: api?.startTime ?? NaN, apiEnd: api?.responseEnd ?? NaN };
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Console at scale: the built console (`next build`, served by `next start`) on the status
 * fixture's HA database, in Debian's Chromium, signed in as a global administrator. Figure:
 * from navigation to the first row of the status page visible, median of the profile's page
 * loads after one warm-up load (the first, cold load is in the detail).
 */
export async function consoleScenario(b: BenchContext, opts: { port?: number } = {}): Promise<BenchResult[]> {
  const f = b.fixtures.status ?? await statusFixture(b);
  const root = projectRoot();
  ensureConsoleBuild(root, b.log);
  const admin = { email: 'bench-admin@example.com', password: randomBytes(12).toString('hex') };
  const prisma = createHaPrisma(f.haDbUrl, 2);
  try {
    await ensureAdminUser(prisma, admin);
  } finally {
    await prisma.$disconnect();
  }
  const port = opts.port || (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, CARBONIO_DB_URL: b.world.infra.dbUrl, CARBONIO_DB_PREFIX: f.prefix, CARBONIO_DATA_DIR: BENCH_DIR, NEXT_TELEMETRY_DISABLED: '1', CARBONIO_LOG_LEVEL: 'warn' };
  delete env.CARBONIO_HA_DB_URL;
  const server = await startChild({
    name: 'console', cmd: process.execPath, args: [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    env, cwd: root, logFile: path.join(BENCH_DIR, 'logs', 'console.log'), ready: (l) => /Ready in|started server/i.test(l), timeoutMs: 120_000,
  });
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: process.env.CARBONIO_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    const page = await (await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } })).newPage();
    const login = await page.request.post('/api/auth/login', { data: admin, headers: { origin: base } });
    if (login.status() !== 200) throw new Error(`signing in to the console answered ${login.status()}: ${await login.text()}`);
    const load = async () => {
      const t0 = performance.now();
      await page.goto('/replicas', { waitUntil: 'commit' });
      await page.getByTestId('status-row').first().waitFor({ state: 'visible', timeout: 60_000 });
      const seconds = (performance.now() - t0) / 1000;
      return { seconds, ...(await page.evaluate(BROWSER_TIMINGS)) };
    };
    const cold = await load();
    const loads: Awaited<ReturnType<typeof load>>[] = [];
    for (let i = 0; i < b.profile.consoleLoads; i++) loads.push(await load());
    const times = loads.map((l) => l.seconds);
    const ms = (k: 'html' | 'scripts' | 'apiStart' | 'apiEnd') => Math.round(median(loads.map((l) => l[k])));
    return [result({
      name: 'console at scale', value: median(times), unit: 's', goal: CONSOLE_GOAL, digits: 2,
      detail: `status page of ${f.accounts.toLocaleString('en-US')} accounts, navigation to first row visible in Chromium: median of ${times.length} loads ` +
        `(max ${Math.max(...times).toFixed(2)} s); first load after the server start ${cold.seconds.toFixed(2)} s; ` +
        `median timeline: HTML ${ms('html')} ms, DOM ready ${ms('scripts')} ms, status API ${ms('apiStart')}..${ms('apiEnd')} ms`,
    })];
  } finally {
    await browser.close();
    await server.stop();
  }
}

import { defineConfig } from '@playwright/test';
import { E2E } from './e2e/support/e2e-stack';

// Browser tests in Debian's Chromium (never a downloaded browser) against the real stack that
// e2e/global-setup.ts starts: MariaDB, Kafka, three mailstore nodes and the console served by
// `next start`. CARBONIO_E2E_BASE_URL points them at an already running console instead.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list']],
  use: {
    baseURL: process.env.CARBONIO_E2E_BASE_URL ?? `http://localhost:${E2E.consolePort}`,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CARBONIO_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});

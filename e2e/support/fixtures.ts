import { test as base, expect, type Page } from '@playwright/test';
import { E2E } from './e2e-stack';

export { expect };

export interface Credentials {
  email: string;
  password: string;
}

/** Signs in through the API (same cookie jar as the page), as the browser's form would. */
export async function signIn(page: Page, baseURL: string, who: Credentials = E2E.admin) {
  const origin = new URL(baseURL).origin;
  const res = await page.request.post('/api/auth/login', { data: who, headers: { origin } });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * `page` fails its test on any browser console error or uncaught page error (the console must
 * run clean); `adminPage` is the same page signed in as the global administrator.
 */
export const test = base.extend<{ consoleErrors: string[]; adminPage: Page }>({
  consoleErrors: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    await provide(errors);
    expect(errors, `browser console errors (failed responses: ${failed.join(', ') || 'none'})`).toEqual([]);
  },
  adminPage: async ({ page, consoleErrors, baseURL }, provide) => {
    void consoleErrors;
    await signIn(page, baseURL!);
    await provide(page);
  },
});

/** Full-page screenshot under test-results/screens/<name>.png, for a person to look at. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true, caret: 'initial', animations: 'disabled' });
}

/**
 * Chromium logs every non-2xx fetch as a console error. A spec that provokes an expected
 * refusal (a wrong password, a lock-out, a validation error) drops exactly those lines.
 */
export function allowHttpErrors(errors: string[], ...statuses: number[]) {
  const expected = statuses.map((s) => `the server responded with a status of ${s}`);
  const kept = errors.filter((e) => !expected.some((x) => e.includes(x)));
  errors.splice(0, errors.length, ...kept);
}

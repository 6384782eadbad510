import { adminApi, generated } from '../support/api';
import { expect, screenshot, test } from '../support/fixtures';

test.beforeAll(async ({ baseURL }) => {
  // One refused command, so the log holds a failure as well as successes.
  const api = await adminApi(baseURL!);
  await api.post('/api/replicas/pause', { data: { accounts: [`nobody-${Date.now()}@example.com`] } });
  await api.post('/api/replicas/destination', { data: { destination: 'mbox2.example.com', priority: 5, accounts: [generated(27).name] } });
  await api.dispose();
});

test('the audit log shows who did what, from where, with which result, and filters by action, result and actor', async ({ adminPage: page }) => {
  await page.goto('/audit');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasText: 'auth.login' }).first()).toContainText('admin@example.com');

  await page.getByLabel('Action').selectOption('setAccountDestination');
  await expect(page).toHaveURL(/action=setAccountDestination/);
  await expect.poll(async () => (await rows.locator('td:nth-child(4)').allTextContents()).every((t) => t === 'setAccountDestination')).toBe(true);
  await expect(rows.filter({ hasText: generated(27).name }).first()).toContainText('console');

  await page.getByLabel('Action').selectOption('pauseReplicas');
  await page.getByLabel('Result').selectOption('failed');
  // Two quick changes: the second must not undo the first.
  await expect(page).toHaveURL(/result=failed/);
  await expect(page).toHaveURL(/action=pauseReplicas/);
  await expect(rows.first()).toContainText('invalid_input');
  await screenshot(page, 'audit-log');

  await page.getByLabel('Actor').fill('somebody-else@');
  await expect(page).toHaveURL(/actor=somebody-else/);
  await expect(page).toHaveURL(/action=pauseReplicas/);
  await expect(page.getByText('No entry matches these filters')).toBeVisible();
});

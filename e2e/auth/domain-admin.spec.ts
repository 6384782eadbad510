import { adminApi, replicate } from '../support/api';
import { E2E } from '../support/e2e-stack';
import { expect, screenshot, signIn, test } from '../support/fixtures';

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  await replicate(api, 'mbox2.example.com', ['user1@customer.tld'], 10);
  await api.dispose();
});

test('a domain administrator sees its own domains only, read-only', async ({ page, consoleErrors, baseURL }) => {
  void consoleErrors;
  await signIn(page, baseURL!, E2E.viewer);
  await page.goto('/replicas');
  await expect(page.getByTestId('current-user')).toHaveText(E2E.viewer.email);
  await expect(page.getByText('Domain administrator · customer.tld')).toBeVisible();
  await expect(page.getByTestId('status-row').first()).toBeVisible();
  const shown = await page.getByTestId('status-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-account')!));
  expect(shown).toContain('user1@customer.tld');
  expect(shown.every((a) => a.endsWith('@customer.tld'))).toBe(true);
  await expect(page.getByRole('toolbar', { name: 'Replica commands' })).toHaveCount(0);
  for (const hidden of ['Operations', 'Audit log', 'Settings', 'Failover history']) await expect(page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: hidden })).toHaveCount(0);
  await screenshot(page, 'domain-admin-replicas');

  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Global administrators only' })).toBeVisible();
  await page.goto('/accounts/user1%40customer.tld');
  await expect(page.getByRole('heading', { name: 'user1@customer.tld' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Promote' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Verify' })).toBeVisible();
});

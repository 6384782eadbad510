import { adminApi, generated, replicate } from '../support/api';
import { expect, screenshot, test } from '../support/fixtures';

const ACCOUNTS = [generated(36).name, generated(39).name];

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  await replicate(api, 'mbox2.example.com', ACCOUNTS, 10);
  await api.dispose();
});

test('the operations page lists operations with their progress; one opens with its per-account results', async ({ adminPage: page }) => {
  await page.goto('/operations');
  const rows = page.getByTestId('operation-row');
  await expect(rows.first()).toBeVisible();
  await page.getByLabel('Kind').selectOption('setAccountDestination');
  await expect(page).toHaveURL(/kind=setAccountDestination/);
  await expect(rows.first()).toContainText('Set destination');
  await screenshot(page, 'operations');

  const op = rows.filter({ hasText: '2/2' }).first();
  await op.getByRole('link', { name: 'Set destination' }).click();
  const detail = page.getByTestId('operation-detail');
  await expect(detail).toHaveAttribute('data-state', 'succeeded');
  await expect(detail.getByTestId('operation-item')).toHaveCount(2);
  for (const a of ACCOUNTS) await expect(detail.getByTestId('operation-item').filter({ hasText: a })).toHaveAttribute('data-state', 'succeeded');
  await expect(page.getByRole('progressbar', { name: 'Operation progress' })).toHaveAttribute('aria-valuenow', '2');
  await screenshot(page, 'operation-detail');
});

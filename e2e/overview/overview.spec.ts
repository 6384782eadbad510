import type { OverviewView } from '../../lib/web/views/overview';
import { adminApi, generated, replicate } from '../support/api';
import { expect, screenshot, test } from '../support/fixtures';

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  await replicate(api, 'mailstore1.example.com', [generated(30).name, generated(33).name], 10);
  await api.dispose();
});

test('the overview shows what is protected and at risk, each mailstore’s health, the lag and the latest operations', async ({ adminPage: page }) => {
  await page.goto('/');
  const api = (await (await page.request.get('/api/overview')).json()) as OverviewView;
  expect(api.protectedAccounts).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('stat-protected')).toContainText(api.protectedAccounts.toLocaleString('en-US'));
  await expect(page.getByTestId('stat-active')).toContainText(String(api.replicas.active));
  for (const host of ['mbox1.example.com', 'mbox2.example.com', 'mailstore1.example.com']) {
    const row = page.getByTestId(`mailstore-${host}`);
    await expect(row).toContainText('up');
    await expect(row).toContainText('alive');
    await expect(row).toContainText('reachable');
    await expect(row).toContainText('centralized');
  }
  await expect(page.getByRole('img', { name: /^Active replicas by lag: in sync \d+/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Latest operations' }).getByRole('link').filter({ hasText: 'Set destination' }).first()).toBeVisible();
  await screenshot(page, 'overview');

  await page.getByTestId('stat-active').click();
  await expect(page).toHaveURL(/\/replicas\?replicaState=active/);
  await expect(page.getByLabel('Replica state')).toHaveValue('active');
});

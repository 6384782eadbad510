import { adminApi, replicate } from '../support/api';
import { expect, screenshot, test } from '../support/fixtures';

const ACCOUNT = 'john.doe@example.com';

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  await replicate(api, 'mbox2.example.com', [ACCOUNT], 10);
  await replicate(api, 'mailstore1.example.com', [ACCOUNT], 20);
  await api.dispose();
});

test('open an account from the table: source and replicas side by side, lag chart, activity, verify', async ({ adminPage: page }) => {
  await page.goto('/replicas?q=john.doe');
  await page.getByRole('link', { name: ACCOUNT }).click();
  await expect(page).toHaveURL(/\/accounts\/john\.doe(%40|@)example\.com$/);
  await expect(page.getByRole('heading', { name: ACCOUNT })).toBeVisible();

  await expect(page.getByTestId('source-card')).toContainText('mbox1.example.com');
  const replicas = page.getByTestId('replica-card');
  await expect(replicas).toHaveCount(2);
  await expect(replicas.nth(0)).toContainText('mbox2.example.com');
  await expect(replicas.nth(0)).toContainText('priority 10');
  await expect(replicas.nth(1)).toContainText('mailstore1.example.com');
  await expect(replicas.nth(1)).toContainText('priority 20');
  await expect(page.getByRole('img', { name: /Replication lag of john\.doe@example\.com over the last hour/ })).toBeVisible();
  const activity = page.getByRole('table', { name: 'Recent operations of the account' });
  await expect(activity.getByRole('row').filter({ hasText: 'Set destination' })).toHaveCount(2);

  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('Every replica is equal to the source', { timeout: 60_000 });
  await expect(page.getByTestId('verify-result').getByText('equal', { exact: true })).toHaveCount(2);
  await screenshot(page, 'account-page');
});

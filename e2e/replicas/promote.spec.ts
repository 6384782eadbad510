import { adminApi, generated, replicate } from '../support/api';
import { expect, screenshot, test } from '../support/fixtures';

const PROMOTED = ['bob.doe@example.com', generated(12).name];
const UNPROTECTED = generated(24).name;

test.beforeAll(async ({ baseURL }) => {
  expect(generated(12).host).toBe('mbox1.example.com');
  const api = await adminApi(baseURL!);
  await replicate(api, 'mbox2.example.com', PROMOTED, 10);
  await api.dispose();
});

test('dry-run a promotion, read where each account goes and what blocks it, then promote and find it in the failover history', async ({ adminPage: page }) => {
  await page.goto('/replicas');
  await page.getByRole('button', { name: 'Promote' }).click();
  const dialog = page.getByRole('dialog', { name: 'Promote accounts' });
  await dialog.getByLabel('Paste accounts').fill([...PROMOTED, UNPROTECTED].join('\n'));
  await dialog.getByRole('button', { name: 'Add pasted' }).click();
  await dialog.getByRole('button', { name: 'Dry run' }).click();

  const rows = dialog.getByTestId('plan-row');
  await expect(rows).toHaveCount(3);
  for (const name of PROMOTED) {
    const row = rows.filter({ hasText: name });
    await expect(row).toHaveAttribute('data-blocked', 'false');
    await expect(row).toContainText('mbox1.example.com');
    await expect(row).toContainText('mbox2.example.com');
  }
  await expect(rows.filter({ hasText: UNPROTECTED })).toHaveAttribute('data-blocked', 'true');
  const promote = dialog.getByRole('button', { name: 'Promote 2 accounts' });
  await expect(promote).toBeDisabled();
  await screenshot(page, 'promote-dry-run');

  await dialog.getByRole('checkbox', { name: /I understand that these 2 accounts move/ }).check();
  await promote.click();
  const progress = dialog.getByTestId('operation-progress');
  await expect(progress).toHaveAttribute('data-state', /succeeded|partial/, { timeout: 120_000 });
  await expect(progress.getByTestId('operation-item').and(page.locator('[data-state="succeeded"]'))).toHaveCount(2);
  await screenshot(page, 'promote-done');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  await page.getByRole('link', { name: 'Failover history' }).click();
  for (const name of PROMOTED) {
    const row = page.getByTestId('promotion-row').filter({ hasText: name }).first();
    await expect(row).toContainText('mbox1.example.com');
    await expect(row).toContainText('mbox2.example.com');
    await expect(row).toContainText('promoted');
  }
  await screenshot(page, 'failover-history');

  await page.goto(`/accounts/${encodeURIComponent(PROMOTED[0])}`);
  await expect(page.getByText(/hosted on mbox2\.example\.com/)).toBeVisible();
});

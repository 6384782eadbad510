import { adminApi, generated, replicate } from '../support/api';
import { expect, screenshot, test } from '../support/fixtures';

const ACCOUNT = generated(21);

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  await replicate(api, 'mbox2.example.com', [ACCOUNT.name], 10);
  await api.dispose();
});

test('remove a replica only after confirming, and it leaves the table', async ({ adminPage: page }) => {
  await page.goto(`/replicas?q=${ACCOUNT.name.split('@')[0]}`);
  await page.getByRole('checkbox', { name: `Select ${ACCOUNT.name}` }).check();
  await page.getByRole('toolbar', { name: 'Replica commands' }).getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove replicas' });
  await expect(dialog.getByTestId('picked-account')).toHaveText(new RegExp(ACCOUNT.name));
  await dialog.getByLabel('Mailstore holding the replicas').selectOption('mbox2.example.com');
  const remove = dialog.getByRole('button', { name: 'Remove replicas' });
  await expect(remove).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /Yes, remove the replicas of 1 account on mbox2\.example\.com/ }).check();
  await screenshot(page, 'remove-confirm');
  await remove.click();
  await expect(dialog.getByTestId('operation-progress')).toHaveAttribute('data-state', 'succeeded', { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByTestId('status-row').filter({ hasText: ACCOUNT.name })).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByText('No account matches these filters')).toBeVisible();
  await screenshot(page, 'remove-done');
});

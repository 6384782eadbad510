import { adminApi, generated, replicate } from '../support/api';
import { expect, screenshot, test } from '../support/fixtures';

const ACCOUNTS = [generated(15), generated(18)];

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  await replicate(api, 'mailstore1.example.com', ACCOUNTS.map((a) => a.name), 10);
  await api.dispose();
});

test('pause two accounts picked in the table, then restart them', async ({ adminPage: page }) => {
  const local = (n: number) => ACCOUNTS[n].name.split('@')[0];
  await page.goto(`/replicas?q=${local(0)}`);
  await page.getByRole('checkbox', { name: `Select ${ACCOUNTS[0].name}` }).check();
  await page.getByLabel('Search accounts').fill(local(1));
  await page.getByRole('checkbox', { name: `Select ${ACCOUNTS[1].name}` }).check();
  await expect(page.getByRole('toolbar', { name: 'Replica commands' })).toContainText('2 accounts selected');

  const run = async (action: 'Pause' | 'Restart') => {
    await page.getByRole('toolbar', { name: 'Replica commands' }).getByRole('button', { name: action }).click();
    const dialog = page.getByRole('dialog', { name: `${action} replicas` });
    await expect(dialog.getByTestId('picked-count')).toHaveText('2');
    await dialog.getByRole('button', { name: `${action} 2 accounts` }).click();
    await expect(dialog.getByTestId('operation-progress')).toHaveAttribute('data-state', 'succeeded', { timeout: 120_000 });
    await screenshot(page, `${action.toLowerCase()}-done`);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  };

  await run('Pause');
  await page.goto('/replicas?domain=acme-corp.net&replicaState=paused');
  for (const a of ACCOUNTS) await expect(page.getByTestId('status-row').filter({ hasText: a.name })).toContainText('paused');
  await screenshot(page, 'paused-in-table');

  await page.getByRole('checkbox', { name: 'Select every account on this page' }).check();
  await run('Restart');
  await page.goto('/replicas?domain=acme-corp.net&replicaState=active&q=' + local(0));
  await expect(page.getByTestId('status-row').filter({ hasText: ACCOUNTS[0].name })).toContainText('active', { timeout: 60_000 });
  await page.goto('/replicas?domain=acme-corp.net&replicaState=paused');
  for (const a of ACCOUNTS) await expect(page.getByTestId('status-row').filter({ hasText: a.name })).toHaveCount(0);
});

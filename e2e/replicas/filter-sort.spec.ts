import { adminApi, generated, otherThan, replicate } from '../support/api';
import { expect, screenshot, test } from '../support/fixtures';

// Accounts 0-8 of the generated domain, three per source mailstore, each replicated elsewhere.
const ACCOUNTS = Array.from({ length: 9 }, (_, n) => generated(n));

test.beforeAll(async ({ baseURL }) => {
  const api = await adminApi(baseURL!);
  const bySource = new Map<string, string[]>();
  for (const a of ACCOUNTS) bySource.set(a.host, [...(bySource.get(a.host) ?? []), a.name]);
  await Promise.all([...bySource].map(([host, names]) => replicate(api, otherThan(host), names, 20)));
  await api.dispose();
});

test('filter, search and sort the replica table; the URL keeps the view', async ({ adminPage: page }) => {
  await page.goto('/replicas');
  await expect(page.getByTestId('status-row').first()).toBeVisible();
  const rows = page.getByTestId('status-row');
  const accountsShown = async () => [...new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-account')!)))];

  await page.getByLabel('Domain').fill('acme-corp.net');
  await expect(page).toHaveURL(/domain=acme-corp\.net/);
  await expect.poll(async () => (await accountsShown()).every((a) => a.endsWith('@acme-corp.net'))).toBe(true);

  await page.getByLabel('Source mailstore').selectOption('mbox2.example.com');
  await expect(page).toHaveURL(/mailHost=mbox2\.example\.com/);
  const expected = (await (await page.request.get('/api/accounts?domain=acme-corp.net&mailHost=mbox2.example.com')).json()) as { total: number; accounts: { accountName: string; accountMailHost: string }[] };
  expect(expected.total).toBeGreaterThanOrEqual(3);
  await expect.poll(async () => (await accountsShown()).sort()).toEqual(expected.accounts.map((a) => a.accountName).sort());
  for (const name of expected.accounts.map((a) => a.accountName)) expect(ACCOUNTS.find((a) => a.name === name)?.host ?? 'mbox2.example.com').toBe('mbox2.example.com');

  await page.getByLabel('Search accounts').fill(ACCOUNTS[1].name.split('.')[0]);
  await expect(page).toHaveURL(new RegExp(`q=${ACCOUNTS[1].name.split('.')[0]}`));
  await expect.poll(accountsShown).toEqual([ACCOUNTS[1].name]);
  await page.getByLabel('Search accounts').fill('');
  await expect(page).not.toHaveURL(/[?&]q=/);

  await page.getByRole('button', { name: /^Sort by lag in events/ }).click();
  await expect(page).toHaveURL(/sort=lagEvents/);
  await page.getByRole('button', { name: /^Sort by lag in events/ }).click();
  await expect(page).toHaveURL(/sort=lagEvents&order=desc|order=desc.*sort=lagEvents/);
  await expect(page.getByRole('columnheader', { name: /^Lag/ })).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('button', { name: /^Sort by lag in time/ }).click();
  await expect(page).toHaveURL(/sort=lagSeconds/);

  await page.getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('button', { name: /^Account/ }).click();
  await expect(page.getByRole('columnheader', { name: /^Account/ })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => { const s = await accountsShown(); return s.length > 1 && s.join() === [...s].sort().reverse().join(); }).toBe(true);

  // The view is bookmarkable: a fresh load of the URL shows the same filters and order.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByLabel('Domain')).toHaveValue('acme-corp.net');
  await expect(page.getByLabel('Source mailstore')).toHaveValue('mbox2.example.com');
  await expect(page.getByRole('columnheader', { name: /^Account/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('refreshed')).toContainText(/Refreshed \d+ s ago/);
  await screenshot(page, 'replicas-filter-sort');

  await page.getByLabel('Replica state').selectOption('failed');
  await expect(page.getByText('No account matches these filters')).toBeVisible();
  await screenshot(page, 'replicas-empty-filter');
});

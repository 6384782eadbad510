import { expect, screenshot, test } from '../support/fixtures';

test('the replica view works from the keyboard: sort headers, dialogs open and close, focus comes back', async ({ adminPage: page }) => {
  await page.goto('/replicas');
  await expect(page.getByRole('heading', { name: 'Replicas' })).toBeVisible();

  const sortByDestination = page.getByRole('button', { name: /^Destination/ });
  await sortByDestination.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=destination/);
  await expect(page.getByRole('columnheader', { name: /^Destination/ })).toHaveAttribute('aria-sort', 'ascending');

  const open = page.getByRole('button', { name: 'Set destination' });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Set destination' });
  await expect(dialog).toBeVisible();
  // Focus moved into the modal; Tab stays inside it.
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  await expect(dialog.getByLabel('Destination mailstore')).toHaveAccessibleName('Destination mailstore');
  await expect(dialog.getByLabel('Priority')).toHaveAccessibleDescription('Lower wins at promotion.');
  await screenshot(page, 'keyboard-dialog');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

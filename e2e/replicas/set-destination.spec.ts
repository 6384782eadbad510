import { allowHttpErrors, expect, screenshot, test } from '../support/fixtures';

test('set a destination for two accounts (search, file, paste), see the refusal next to its account, then the live progress and the notification without a reload', async ({ adminPage: page, consoleErrors }) => {
  await page.goto('/replicas');
  await page.evaluate(() => { (window as unknown as { __sameDocument: boolean }).__sameDocument = true; });
  const unreadBefore = ((await (await page.request.get('/api/notifications?unread=true')).json()) as { unread: number }).unread;

  await page.getByRole('button', { name: 'Set destination' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set destination' });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Search accounts to add').fill('jane.d');
  await dialog.getByRole('option', { name: /jane\.doe@example\.com/ }).click();
  await dialog.getByTestId('account-file').setInputFiles({ name: 'accounts.txt', mimeType: 'text/plain', buffer: Buffer.from('# from the CLI input_file\nalice.doe@example.com\n') });
  await expect(dialog.getByText('1 account read from accounts.txt')).toBeVisible();
  await dialog.getByLabel('Paste accounts').fill('ghost@example.com');
  await dialog.getByRole('button', { name: 'Add pasted' }).click();
  await expect(dialog.getByTestId('picked-count')).toHaveText('3');

  await dialog.getByLabel('Destination mailstore').selectOption('mailstore1.example.com');
  await dialog.getByLabel('Priority').fill('10');
  await dialog.getByRole('button', { name: 'Replicate 3 accounts' }).click();
  const ghost = dialog.getByTestId('picked-account').filter({ hasText: 'ghost@example.com' });
  await expect(ghost.getByRole('alert')).toHaveText('no account named ghost@example.com');
  await expect(dialog.getByText('Nothing was changed')).toBeVisible();
  await screenshot(page, 'set-destination-refused');

  // Every toast that appears is recorded, however short it stays on screen.
  await page.evaluate(() => {
    const w = window as unknown as { __toasts: string[] };
    w.__toasts = [];
    new MutationObserver(() => document.querySelectorAll('[data-testid="toast"]').forEach((t) => {
      if (!w.__toasts.includes(t.textContent ?? '')) w.__toasts.push(t.textContent ?? '');
    })).observe(document.body, { subtree: true, childList: true });
  });
  await dialog.getByRole('button', { name: 'Remove ghost@example.com' }).click();
  await dialog.getByRole('button', { name: 'Replicate 2 accounts' }).click();
  const progress = dialog.getByTestId('operation-progress');
  await expect(progress).toBeVisible();
  await screenshot(page, 'set-destination-progress');
  await expect(progress).toHaveAttribute('data-state', 'succeeded', { timeout: 120_000 });
  await expect(progress.getByTestId('operation-item')).toHaveCount(2);

  // The notification arrives by Server-Sent Events: a toast and a higher unread count, same document.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __toasts: string[] }).__toasts.join('\n')), { timeout: 30_000 })
    .toContain('Replica initialisation completed on mailstore1.example.com2 of 2 accounts now have an active replica');
  await expect(page.getByTestId('unread-count')).toHaveText(String(unreadBefore + 1));
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await screenshot(page, 'set-destination-notified');

  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('link', { name: /^Notifications, \d+ unread/ }).click();
  const item = page.getByTestId('notification').filter({ hasText: '2 of 2 accounts now have an active replica on mailstore1.example.com' }).first();
  await expect(item).toHaveAttribute('data-unread', 'true');
  await item.getByRole('button', { name: 'Mark as read' }).click();
  await expect(item).toHaveAttribute('data-unread', 'false');
  await expect(page.getByTestId('unread-count')).toHaveCount(unreadBefore === 0 ? 0 : 1);
  await screenshot(page, 'notifications');
  allowHttpErrors(consoleErrors, 400);
});

import { TEST_KAFKA_PORT } from '../../tests/support/test-stack';
import { allowHttpErrors, expect, screenshot, test } from '../support/fixtures';

const BROKER = `127.0.0.1:${TEST_KAFKA_PORT}`;

test('edit the brokers: a malformed list is refused at its field, an unreachable one is flagged, a tested one is saved', async ({ adminPage: page, consoleErrors }) => {
  await page.goto('/settings');
  const card = page.getByRole('region', { name: 'Kafka brokers' });
  await expect(card).toContainText(`Now: ${BROKER}`);
  const field = card.getByLabel('Brokers', { exact: true });
  const test = card.getByRole('button', { name: 'Test connection' });

  await field.fill('not a broker list');
  await test.click();
  await expect(card.locator('#brokers-error')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  await field.fill('127.0.0.1:1');
  await test.click();
  const result = card.getByTestId('broker-test-result');
  await expect(result).toContainText('unreachable');
  await expect(card.getByRole('button', { name: 'Save anyway (unreachable brokers)' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Save brokers' })).toHaveCount(0);
  await screenshot(page, 'brokers-unreachable');

  const both = `${BROKER},localhost:${TEST_KAFKA_PORT}`;
  await field.fill(both);
  await test.click();
  await expect(result.getByText('reachable', { exact: true })).toHaveCount(2);
  await card.getByRole('button', { name: 'Save brokers' }).click();
  await expect(card.getByText('Brokers saved')).toBeVisible();
  await expect(card).toContainText(`Now: ${BROKER}localhost:${TEST_KAFKA_PORT}`);
  expect((await (await page.request.get('/api/settings/brokers')).json()).brokers).toEqual([BROKER, `localhost:${TEST_KAFKA_PORT}`]);
  await screenshot(page, 'brokers-saved');

  // Put the original list back (the nodes of this stack use it).
  await field.fill(BROKER);
  await test.click();
  await card.getByRole('button', { name: 'Save brokers' }).click();
  await expect(card).toContainText(`Now: ${BROKER}changed`);
  expect((await (await page.request.get('/api/settings/brokers')).json()).brokers).toEqual([BROKER]);
  allowHttpErrors(consoleErrors, 400);
});

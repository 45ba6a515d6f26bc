import { closeReason, oneConnection, expect, test } from './helpers';

test('a server without CORS fails as a network error, and Retry via relay streams it through the relay', async ({ page }) => {
  await page.goto('/');
  // The same server under another origin: its demos send no CORS headers, so the page may not read them.
  const target = new URL('/demo/ticks?count=2&interval_ms=0', page.url());
  target.hostname = 'localhost';
  await page.getByLabel('URL').fill(target.toString());
  await oneConnection(page);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('network-error');
  await expect(page.getByTestId('run-banner')).toContainText('CORS');
  await page.getByTestId('retry-via-relay').click();
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('relay-switch')).toBeChecked();
  await expect(page.getByTestId('relay-url')).toHaveValue(new URL('/relay', page.url()).toString());
  await expect(page.getByTestId('connection-entry')).toContainText(`${target.toString()} (via relay)`);
  await expect(page.getByTestId('retry-via-relay')).toHaveCount(0);
});

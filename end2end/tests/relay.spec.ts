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
  await page.getByTestId('details-tab-settings').click();
  await expect(page.getByTestId('relay-switch')).toBeChecked();
  await expect(page.getByTestId('relay-url')).toHaveValue(new URL('/relay', page.url()).toString());
  await expect(page.getByTestId('connection-entry')).toContainText(`${target.toString()} (via relay)`);
  await expect(page.getByTestId('retry-via-relay')).toHaveCount(0);
});

test('another site cannot use the relay: a page load of it is refused, a fetch from another origin fails', async ({ page }) => {
  await page.goto('/');
  const relayed = new URL('/relay', page.url());
  relayed.searchParams.set('url', new URL('/demo/echo', page.url()).toString());
  // What a link or redirect from another site would do: load the relay's answer as a page on
  // the app's origin. Refused before anything is fetched.
  const navigation = await page.goto(relayed.toString());
  expect(navigation?.status()).toBe(403);
  expect(await navigation?.text()).toContain('fetch() calls only');
  expect(navigation?.headers()['content-security-policy']).toBe("sandbox; default-src 'none'");

  // The same server under another origin stands in for another website.
  const elsewhere = new URL('/', page.url());
  elsewhere.hostname = 'localhost';
  await page.goto(elsewhere.toString());
  const outcome = await page.evaluate(async (url) => {
    try {
      const response = await fetch(url);
      return `read ${response.status}`;
    } catch (error) {
      return `refused: ${error}`;
    }
  }, relayed.toString());
  expect(outcome).toMatch(/^refused: TypeError/);
});

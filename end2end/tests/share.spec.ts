import { closeReason, openWithUrl, expect, test } from './helpers';

test('a share link carries the request with literal secrets as placeholders, or included when chosen', async ({ page, context }) => {
  await openWithUrl(page, '/demo/echo?n=1&api_key=sk-query-1');
  await page.getByTestId('details-tab-auth').click();
  await page.getByTestId('auth-type').selectOption('Bearer token');
  await page.getByLabel('Token', { exact: true }).fill('sk-bearer-1');
  await page.getByTestId('details-tab-share').click();
  await page.getByTestId('share-open').click();
  await expect(page.getByTestId('share-secret')).toHaveText([
    'query parameter api_key → {{api_key}}',
    'bearer token → {{token}}',
  ]);
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#r=');
  expect(link).not.toContain('sk-');

  const colleague = await context.newPage();
  const sent: string[] = [];
  colleague.on('request', (request) => sent.push(request.url()));
  await colleague.goto(link);
  await expect(colleague.getByTestId('toast')).toContainText('Opened a shared request in a new tab. Nothing was sent.');
  await expect(colleague.getByLabel('URL')).toHaveValue(/\/demo\/echo\?n=1&api_key=\{\{api_key\}\}$/);
  await colleague.getByTestId('details-tab-auth').click();
  await expect(colleague.getByLabel('Token', { exact: true })).toHaveValue('{{token}}');
  expect(sent.filter((url) => url.includes('/demo/echo'))).toEqual([]);
  expect(colleague.url()).not.toContain('#r=');

  // The sender chooses to include the token.
  await page.getByTestId('details-tab-share').click();
  await page.getByTestId('share-secret').filter({ hasText: 'bearer token' }).getByRole('checkbox').check();
  const withToken = await page.getByTestId('share-link').inputValue();
  const second = await context.newPage();
  await second.goto(withToken);
  await second.getByTestId('details-tab-auth').click();
  await expect(second.getByTestId('auth-type')).toHaveValue('Bearer token');
  await expect(second.getByLabel('URL')).toHaveValue(/api_key=\{\{api_key\}\}$/);
  await second.getByTestId('auth-reveal').check();
  await expect(second.getByLabel('Token', { exact: true })).toHaveValue('sk-bearer-1');
});

test('a captured stream travels in the link and opens as the same timeline, offline', async ({ page, context }) => {
  await openWithUrl(page, '/demo/ticks?count=3&interval_ms=0');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByTestId('details-tab-share').click();
  await page.getByTestId('share-open').click();
  await page.getByTestId('share-with-stream').check();
  const link = await page.getByTestId('share-link').inputValue();
  const colleague = await context.newPage();
  await colleague.goto(link);
  await expect(colleague.getByTestId('timeline-count')).toHaveText('3 events');
  await expect(colleague.getByTestId('connection-entry')).toContainText('(shared)');
});

test('a damaged link says so and opens nothing', async ({ page }) => {
  await page.goto('/#r=AAAAbm90LWEtbGluaw');
  await expect(page.getByTestId('toast')).toContainText('This share link is damaged');
  await expect(page.getByTestId('request-tab')).toHaveCount(1);
  await expect(page.getByLabel('URL')).toHaveValue(/\/demo\/ticks\?/);
});

test('a link that inflates past 2 MiB is refused before it is read, and opens nothing', async ({ page }) => {
  // 2 KiB of DEFLATE that inflates to 2 MiB + 10 bytes (the browser inflates share links).
  const { deflateRawSync } = await import('node:zlib');
  const bomb = deflateRawSync(Buffer.alloc((2 << 20) + 10, 0x20), { level: 9 }).toString('base64url');
  await page.goto(`/#r=${bomb}`);
  await expect(page.getByTestId('toast')).toContainText('more than a link may: nothing was opened');
  await expect(page.getByTestId('request-tab')).toHaveCount(1);
});

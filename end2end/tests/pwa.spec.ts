import { expect, test, type Page } from './helpers';

/** Waits until the service worker controls the page and has cached the app shell. */
async function shellCached(page: Page): Promise<string[]> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { message: 'the worker controls the page' })
    .toBe(true);
  return page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((key) => key.startsWith('sse-studio-shell-')) ?? 'none');
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  });
}

test('the service worker registers and caches the app shell, never a demo or relay request', async ({ page }) => {
  await page.goto('/');
  const cached = await shellCached(page);
  expect(cached).toContain('/index.html');
  expect(cached.some((path) => path.endsWith('_bg.wasm'))).toBe(true);
  expect(cached.some((path) => path.endsWith('.js') && path !== '/sw.js')).toBe(true);
  expect(cached.some((path) => path.endsWith('.css'))).toBe(true);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  const after = await page.evaluate(async () => {
    const keys = await caches.keys();
    const paths: string[] = [];
    for (const key of keys) {
      const cache = await caches.open(key);
      paths.push(...(await cache.keys()).map((request) => new URL(request.url).pathname));
    }
    return paths;
  });
  expect(after.filter((path) => path.startsWith('/demo') || path.startsWith('/relay'))).toEqual([]);
});

test('after one visit the app loads offline and opens saved requests and history', async ({ page, context }) => {
  await page.goto('/');
  await shellCached(page);
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=2&interval_ms=0', page.url()).toString());
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').uncheck();
  await page.getByLabel('URL').press('Control+s');
  await expect(page.getByTestId('tree-request')).toHaveCount(1);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('close-entry')).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'SSE Studio' })).toBeVisible();
  await page.getByTestId('tree-request-name').click();
  await expect(page.getByLabel('URL')).toHaveValue(/count=2&interval_ms=0$/);
  await page.getByTestId('sidebar-tab-history').click();
  await page.getByTestId('history-item').first().locator('.tree-name').click();
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
  // Sending needs the network: it fails as a network error, and says so.
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').uncheck();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('close-entry')).toHaveAttribute('data-close-reason', 'network-error');
  await context.setOffline(false);
});

test('checks with a JSON path work offline: the module they need is precached', async ({ page, context }) => {
  await page.goto('/');
  const cached = await shellCached(page);
  expect(cached).toContain('/sse-studio-matchers-wasm_bg.wasm');
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=2&interval_ms=0', page.url()).toString());
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').uncheck();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('close-entry')).toBeVisible();
  await page.getByTestId('sidebar-tab-history').click();
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('sidebar-tab-history').click();
  await page.getByTestId('history-item').first().locator('.tree-name').click();
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
  await page.getByTestId('details-tab-checks').click();
  await page.getByTestId('check-kind').selectOption('data-path');
  await page.getByRole('textbox', { name: 'JSON path', exact: true }).fill('$.of');
  await page.getByRole('textbox', { name: 'Value', exact: true }).fill('2');
  await page.getByTestId('check-add').click();
  await page.getByTestId('side-tab-checks').click();
  await expect(page.getByTestId('check-result')).toHaveAttribute('data-verdict', 'passed');
  await context.setOffline(false);
});

test('the manifest makes the app installable: name, standalone, theme, 192 and 512 icons and a maskable one', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href ?? '', page.url());
  const response = await request.get(manifestUrl.toString());
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest.name).toBe('SSE Studio');
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBeTruthy();
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((icon: { purpose?: string }) => icon.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    const image = await request.get(new URL(icon.src, manifestUrl).toString());
    expect(image.headers()['content-type']).toBe('image/png');
  }
  // Chromium's own installability check (the Web App Manifest, the worker, the icons).
  const devtools = await page.context().newCDPSession(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
  // Playwright's browser contexts are incognito, which alone makes a page not installable.
  const errors = installabilityErrors.map((error: { errorId: string }) => error.errorId);
  expect(errors.filter((id: string) => id !== 'in-incognito')).toEqual([]);
});

test('the app is served with a strict Content-Security-Policy, in the header and the page', async ({ page, request }) => {
  const response = await request.get('/');
  const header = response.headers()['content-security-policy'];
  expect(header).toContain("object-src 'none'");
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(header).not.toContain('unsafe-inline');
  await page.goto('/');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(header.startsWith(meta ?? 'none')).toBe(true);
  // The app ran under it (the CSP fixture fails the test on any violation).
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
});

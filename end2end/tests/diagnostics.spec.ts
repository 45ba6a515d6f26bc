import { closeReason, openWithUrl, expect, test, type Page } from './helpers';

/** Sends `path` and waits for the run to end. */
async function run(page: Page, path: string): Promise<void> {
  await openWithUrl(page, path);
  await page.getByRole('button', { name: 'Send' }).click();
  await closeReason(page);
}

const finding = (page: Page, kind: string) => page.locator(`[data-testid="diagnostic"][data-kind="${kind}"]`);

test('an event stream sent as text/plain is named, and can be decoded anyway', async ({ page }) => {
  await run(page, '/demo/broken?kind=content-type');
  await expect(finding(page, 'not-event-stream')).toContainText('The response is text/plain; charset=utf-8, not text/event-stream.');
  await page.getByTestId('side-tab-diagnostics').click();
  await page.getByTestId('decode-anyway').click();
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
  await expect(page.getByTestId('connection-entry')).toContainText('(decoded as an event stream)');
});

test('compression and a missing Cache-Control are named with their fixes', async ({ page }) => {
  await run(page, '/demo/broken?kind=gzip');
  await expect(finding(page, 'compressed')).toContainText('Content-Encoding: gzip');
  await expect(finding(page, 'compressed')).toContainText('Exclude text/event-stream from response compression');
  await run(page, '/demo/broken?kind=no-cache-control');
  await expect(finding(page, 'no-cache-control')).toContainText('Send Cache-Control: no-cache');
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(page.getByTestId('diagnostic')).toHaveCount(1);
});

test('data lines without a blank line are caught while the stream runs, showing the pending bytes', async ({ page }) => {
  await openWithUrl(page, '/demo/broken?kind=no-blank-line&quiet_ms=6000');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(finding(page, 'no-dispatch')).toContainText('no event was dispatched');
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(finding(page, 'no-dispatch').getByTestId('diagnostic-excerpt')).toContainText('data: line 1\ndata: line 2');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
});

test('a burst after silence points at a buffering proxy, and an idle drop at keepalives', async ({ page }) => {
  await run(page, '/demo/broken?kind=buffered&quiet_ms=2200');
  await expect(finding(page, 'burst')).toContainText('20 events arrived at once');
  await expect(finding(page, 'burst')).toContainText('X-Accel-Buffering: no');
  await run(page, '/demo/broken?kind=idle-timeout&quiet_ms=2200');
  expect(await closeReason(page)).toBe('network-error');
  await expect(finding(page, 'idle-drop')).toContainText('keepalive comment');
});

test('retry values, an event cut off and a request with no response are reported', async ({ page }) => {
  await run(page, '/demo/broken?kind=retry');
  await expect(finding(page, 'retry')).toContainText('250 ms, 0 ms, 10000 ms');
  await run(page, '/demo/truncated');
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(finding(page, 'ended-mid-event').getByTestId('diagnostic-excerpt')).toContainText('cut off in the mid');
  await page.getByLabel('URL').fill('http://127.0.0.1:9/never');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(finding(page, 'no-response')).toContainText('send it via the relay');
});

test('a healthy stream shows no diagnostics', async ({ page }) => {
  await run(page, '/demo/ticks?count=3&interval_ms=0');
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(page.getByTestId('diagnostics')).toHaveCount(0);
});

test('an event with no data line is named as lost, with its bytes', async ({ page }) => {
  await run(page, '/demo/broken?kind=empty-data');
  await expect(finding(page, 'undispatched')).toContainText('no event was dispatched for them (one of type “nothing”)');
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(finding(page, 'undispatched').getByTestId('diagnostic-excerpt')).toContainText('event: nothing');
});

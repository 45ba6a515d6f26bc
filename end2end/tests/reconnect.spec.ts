import { closeReason, echoedRequest, openWithUrl, expect, test } from './helpers';

test('a GET reconnects with Last-Event-ID after each drop, and stops when the server answers 204', async ({ page }) => {
  await openWithUrl(page, '/demo/resumable?count=6&drop_every=2&interval_ms=20&retry_ms=600', { reconnect: true });
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('reconnect-stop')).toContainText('204 No Content');
  await expect(page.getByTestId('timeline-count')).toHaveText('6 events');
  // Newest first: the reconnection that got the 204 is at the top, the first one at the bottom.
  const entries = page.getByTestId('reconnection-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.getByTestId('reconnection-entry-id')).toHaveText([
    'Last-Event-ID: 6',
    'Last-Event-ID: 4',
    'Last-Event-ID: 2',
  ]);
  await expect(entries.last().getByTestId('reconnection-entry-state')).toHaveText('reconnected after 600 ms');
  await expect(entries.last()).toContainText('Network error');
  await expect(entries.first()).toContainText('204');
  await expect(page.getByTestId('resume-warning')).toHaveCount(0);
  // Each event knows its connection; the ids carry on across them.
  await page.getByTestId('event-row').first().click();
  await page.getByTestId('side-tab-inspector').click();
  await expect(page.getByTestId('inspector')).toContainText('3 of 4');
});

test('the timeline says "reconnecting in N ms" while it waits, and Close cancels the reconnection', async ({ page }) => {
  await openWithUrl(page, '/demo/resumable?count=4&drop_every=1&interval_ms=0&retry_ms=60000', { reconnect: true });
  await page.getByRole('button', { name: 'Send' }).click();
  // The newest reconnection (under load the server's drop can reach the browser before the first
  // event does: that connection fails and is retried after the default 3 s first).
  const waiting = page.getByTestId('reconnection-entry').first();
  await expect(waiting.getByTestId('reconnection-entry-state')).toHaveText('reconnecting in 60000 ms');
  await expect(waiting).toHaveAttribute('data-state', 'waiting');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  expect(await closeReason(page)).toBe('aborted');
  await expect(waiting).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('timeline-count')).toHaveText('1 event');
});

test('a server that ignores Last-Event-ID is caught repeating ids', async ({ page }) => {
  await openWithUrl(page, '/demo/forgetful?count=4&drop_every=2&interval_ms=0&retry_ms=100', { reconnect: true });
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('resume-warning').last()).toHaveText('⚠ 2 repeated ids (first: 1)');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.locator('[data-testid="diagnostic"][data-kind="repeated-ids"]')).toContainText(
    'the server sent 2 id(s) it had already sent, starting with “1”',
  );
});

test('auto-reconnect is on for GET and off for POST until set', async ({ page }) => {
  await page.goto('/');
  const method = page.getByLabel('Method');
  await page.getByTestId('details-tab-settings').click();
  const toggle = page.getByTestId('reconnect-switch');
  await expect(toggle).toBeChecked();
  await method.selectOption('POST');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await method.selectOption('GET');
  await expect(toggle).toBeChecked();
  await page.getByTestId('reconnect-backoff').check();
  await expect(page.getByTestId('reconnect-max-ms')).toHaveValue('30000');
});

test('a server that answers retry: 0 and closes gets the minimum wait, and reconnecting stops after 10 empty connections', async ({ page }) => {
  // Regression: 1,250 connections in 30 s, forever. With count=0 each connection of the
  // forgetful demo sends `retry: 0`, no event, and ends cleanly (it never answers 204).
  await openWithUrl(page, '/demo/forgetful?count=0&drop_every=1&interval_ms=0&retry_ms=0', { reconnect: true });
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('reconnect-stop')).toContainText('10 connections in a row brought no event', {
    timeout: 20_000,
  });
  const entries = page.getByTestId('reconnection-entry');
  await expect(entries).toHaveCount(9);
  await expect(entries.first().getByTestId('reconnection-entry-note')).toContainText('shortest wait SSE Studio allows is 500 ms');
  await expect(entries.first().getByTestId('reconnection-entry-state')).toHaveText('reconnected after 500 ms');
});

test('a Last-Event-ID outside ISO-8859-1 is sent as its UTF-8 bytes, as EventSource sends it', async ({ page }) => {
  // Regression: `id: 日本-1` made Headers.append throw on every reconnection, every 3 s, and the
  // server never saw one.
  await openWithUrl(page, '/demo/echo');
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('last-event-id').fill('日本-1');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const echoed = await echoedRequest(page);
  expect(echoed.headers['last-event-id']).toBe('日本-1');
});

test('the first demo ends the way a good server ends a stream: a reconnection gets 204 and stops', async ({ page }) => {
  // Regression (issue 15, item 2): the starter request replayed its ticks every 3 s, forever.
  await openWithUrl(page, '/demo/ticks?count=3&interval_ms=0', { reconnect: true });
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('reconnect-stop')).toContainText('204 No Content');
  await expect(page.getByTestId('timeline-count')).toHaveText('3 events');
  await expect(page.getByTestId('reconnection-entry-id')).toHaveText('Last-Event-ID: 3');
  await expect(page.getByTestId('resume-warning')).toHaveCount(0);
});

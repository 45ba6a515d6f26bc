import { closeReason, loadExample, openWithUrl, rowTypes, expect, test } from './helpers';

test('the page opens ready to send the ticks demo, and Ctrl+Enter sends it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('URL')).toHaveValue(/\/demo\/ticks\?/);
  await expect(page.getByLabel('Method')).toHaveValue('GET');
  await page.getByTestId('details-tab-headers').click();
  await expect(page.getByRole('textbox', { name: 'Header value' }).first()).toHaveValue('text/event-stream');
  await page.getByLabel('URL').press('Control+Enter');
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close', exact: true })).toBeVisible();
});

test('GET ticks shows every tick, newest at the top, with the right count', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=5&interval_ms=50');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('timeline-count')).toHaveText('5 events');
  await expect(page.getByTestId('event-row-preview')).toHaveText([
    '{"n":5,"of":5}',
    '{"n":4,"of":5}',
    '{"n":3,"of":5}',
    '{"n":2,"of":5}',
    '{"n":1,"of":5}',
  ]);
  expect(await rowTypes(page)).toEqual(['tick', 'tick', 'tick', 'tick', 'tick']);
  // Close entry on top, "Connected" entry at the bottom.
  const entries = page.getByTestId('timeline-list').locator(':scope > li');
  await expect(entries.first()).toHaveAttribute('data-testid', 'close-entry');
  await expect(entries.last()).toHaveAttribute('data-testid', 'connection-entry');
  await expect(page.getByTestId('connection-entry-status')).toHaveText(/^200/);
  await expect(page.getByTestId('event-row-time').first()).toHaveText(/^\d\d:\d\d:\d\d\.\d\d\d$/);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
});

test('POST to the OpenAI demo shows unnamed message events ending in [DONE]', async ({ page }) => {
  await loadExample(page, 'Demo: OpenAI chat completions (POST)');
  await expect(page.getByLabel('Method')).toHaveValue('POST');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const types = await rowTypes(page);
  expect(types.length).toBeGreaterThan(10);
  expect(new Set(types)).toEqual(new Set(['message']));
  await expect(page.getByTestId('event-row-type').first()).toHaveClass(/badge-message/);
  await expect(page.getByTestId('event-row-preview').first()).toHaveText('[DONE]');
  // The oldest chunk opens the assistant's message (the preview starts at a search match).
  await page.getByTestId('timeline-search').fill('"role":"assistant"');
  await expect(page.getByTestId('event-row-preview').last()).toContainText('"role":"assistant"');
  await page.getByTestId('timeline-search').fill('');
  // Opening a chunk in the inspector shows it beautified.
  await page.getByTestId('event-row').nth(3).click();
  await page.getByTestId('side-tab-inspector').click();
  await page.getByTestId('data-view-beautify').click();
  await expect(page.getByTestId('data-text')).toContainText('"object": "chat.completion.chunk"');
  await page.screenshot({ path: 'test-results/openai-demo.png' });
});

test('POST to the Anthropic demo shows the Messages event types with their badge colours', async ({ page }) => {
  // Tall enough for every row of the demo to be drawn (only rows in view are in the page).
  await page.setViewportSize({ width: 1200, height: 2400 });
  await loadExample(page, 'Demo: Anthropic messages (POST)');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const oldestFirst = (await rowTypes(page)).reverse();
  const distinct = oldestFirst.filter((type, i) => type !== oldestFirst[i - 1]);
  expect(distinct).toEqual([
    'message_start',
    'content_block_start',
    'ping',
    'content_block_delta',
    'content_block_stop',
    'message_delta',
    'message_stop',
  ]);
  const badge = (type: string) => page.locator(`[data-event-type="${type}"] [data-testid="event-row-type"]`).first();
  await expect(badge('message_start')).toHaveClass(/badge-start/);
  await expect(badge('content_block_start')).toHaveClass(/badge-start/);
  await expect(badge('content_block_delta')).toHaveClass(/badge-delta/);
  await expect(badge('message_delta')).toHaveClass(/badge-delta/);
  await expect(badge('content_block_stop')).toHaveClass(/badge-stop/);
  await expect(badge('message_stop')).toHaveClass(/badge-stop/);
  await expect(badge('ping')).toHaveClass(/badge-ping/);
});

test('a stream that ends mid-event closes as truncated and shows the pending bytes', async ({ page }) => {
  await openWithUrl(page, '/demo/truncated');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('truncated');
  await expect(page.getByTestId('close-entry-title')).toContainText('pending');
  await expect(page.getByTestId('run-banner-pending')).toContainText('cut off in the mid');
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
});

test('Close mid-stream aborts the run and no further rows arrive', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=1000&interval_ms=100');
  await page.getByRole('button', { name: 'Send' }).click();
  // At least three rows (more may arrive in one frame on a busy machine).
  await expect(page.getByTestId('event-row').nth(2)).toBeVisible();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  expect(await closeReason(page)).toBe('aborted');
  await expect(page.getByTestId('close-entry-title')).toHaveText('Aborted by you');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  const count = await page.getByTestId('event-row').count();
  // Proving that nothing arrives needs a quiet period: five tick intervals.
  await page.waitForTimeout(500);
  await expect(page.getByTestId('event-row')).toHaveCount(count);
  await expect(page.getByTestId('timeline-count')).toHaveText(`${count} events`);
});

test('sending again replaces the run in flight with a new one', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=1000&interval_ms=100');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('event-row').nth(3)).toBeVisible();
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=2&interval_ms=0', page.url()).toString());
  await page.getByLabel('URL').press('Control+Enter');
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('event-row-preview')).toHaveText(['{"n":2,"of":2}', '{"n":1,"of":2}']);
});

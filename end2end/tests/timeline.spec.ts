import { closeReason, openWithUrl, rowTypes, expect, test } from './helpers';

test('search and type chips filter the events and the count says how many of all', async ({ page }) => {
  await openWithUrl(page, '/demo/flood?count=300&size=80');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('timeline-count')).toHaveText('300 events');
  const heartbeat = page.locator('[data-testid="type-chip"][data-event-type="heartbeat"]');
  await expect(heartbeat.getByTestId('type-chip-count')).toHaveText('3');
  await expect(page.locator('[data-testid="type-chip"][data-event-type="message"]').getByTestId('type-chip-count')).toHaveText('297');

  await heartbeat.getByTestId('type-chip-only').click();
  await expect(page.getByTestId('timeline-count')).toHaveText('3 of 300 events');
  expect(await rowTypes(page)).toEqual(['heartbeat', 'heartbeat', 'heartbeat']);
  await heartbeat.getByTestId('type-chip-only').click();
  await heartbeat.getByRole('button', { name: 'Hide heartbeat' }).click();
  await expect(page.getByTestId('timeline-count')).toHaveText('297 of 300 events');

  await heartbeat.getByRole('button', { name: 'Hide heartbeat' }).click();
  await page.getByTestId('timeline-search').fill('"SEQ":42,');
  await expect(page.getByTestId('timeline-count')).toHaveText('1 of 300 events');
  await expect(page.getByTestId('event-row-preview').locator('mark')).toHaveText(['"seq":42,']);
  await page.getByTestId('timeline-search').fill('');
  await expect(page.getByTestId('timeline-count')).toHaveText('300 events');
});

test('Ctrl+F focuses the search', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('URL').press('Control+f');
  await expect(page.getByTestId('timeline-search')).toBeFocused();
});

test('only the rows in view are in the DOM, however many events arrive', async ({ page }) => {
  await openWithUrl(page, '/demo/flood?count=20000&size=100');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('timeline-count')).toHaveText('20000 events');
  const rows = await page.getByTestId('event-row').count();
  expect(rows).toBeGreaterThan(10);
  expect(rows).toBeLessThan(80);
  // The oldest event is reachable at the bottom.
  await page.getByTestId('timeline-scroll').evaluate((element) => { element.scrollTop = element.scrollHeight; });
  await expect(page.getByTestId('event-row-preview').last()).toContainText('{"seq":1,');
});

test('the inspector shows beautified JSON, and raw and hex are the bytes the demo sent', async ({ page, request }) => {
  const path = '/demo/ticks?count=3&interval_ms=0';
  const body = await (await request.get(path)).text();
  const blocks = body.split('\n\n');
  const second = `${blocks[1]}\n\n`;
  const secondOffset = blocks[0].length + 2;

  await openWithUrl(page, path);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.locator('[data-testid="event-row"][data-index="1"]').click();
  await page.getByTestId('side-tab-inspector').click();
  await page.getByTestId('data-view-beautify').click();
  await expect(page.getByTestId('data-text')).toHaveText('{\n  "n": 2,\n  "of": 3\n}');
  await page.getByTestId('data-view-json').click();
  await expect(page.getByTestId('data-json-tree')).toContainText('"n": 2');

  await page.getByTestId('side-tab-inspector').click();
  await page.getByTestId('inspector-tab-raw').click();
  expect(await page.getByTestId('inspector-raw').textContent()).toBe(second);
  await page.getByTestId('inspector-tab-hex').click();
  const hex = (await page.getByTestId('inspector-hex').textContent()) ?? '';
  const firstLine = hex.split('\n')[0];
  expect(firstLine.startsWith(secondOffset.toString(16).padStart(8, '0'))).toBe(true);
  const bytes = [...Buffer.from(second.slice(0, 8))].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  expect(firstLine).toContain(bytes);

  await page.getByTestId('side-tab-inspector').click();
  await page.getByTestId('inspector-tab-info').click();
  await expect(page.getByTestId('inspector-info')).toContainText('Last event ID2');
});

test('Copy data puts the event data on the clipboard and a toast confirms', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWithUrl(page, '/demo/ticks?count=2&interval_ms=0');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.locator('[data-testid="event-row"][data-index="0"]').click();
  await page.getByTestId('copy-data').click();
  await expect(page.getByTestId('toast')).toHaveText('Copied data');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('{"n":1,"of":2}');
});

test('arrow keys move the selection and Enter opens the event', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=4&interval_ms=0');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.event-row.is-selected')).toHaveAttribute('data-index', '2');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('event-inspector')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('event-inspector')).toContainText('Event 3');
});

test('follow keeps the newest on top until the user scrolls away; the jump button returns', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=400&interval_ms=10');
  await page.getByRole('button', { name: 'Send' }).click();
  const scroller = page.getByTestId('timeline-scroll');
  const count = async () => parseInt((await page.getByTestId('timeline-count').textContent()) ?? '0', 10);
  await expect.poll(count).toBeGreaterThan(60);
  await scroller.evaluate((element) => { element.scrollTop = 300; });
  await expect(page.getByTestId('timeline-jump')).toBeVisible();
  // Rows arriving on top do not move the rows in view.
  const before = await page.getByTestId('timeline-count').textContent();
  await expect(page.getByTestId('timeline-count')).not.toHaveText(before ?? '');
  expect(await scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(300);
  await page.getByTestId('timeline-jump').click();
  await expect(page.getByTestId('timeline-jump')).toHaveCount(0);
  await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBe(0);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
});

test('oldest first puts the connection on top and the newest at the bottom', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=3&interval_ms=0');
  await page.getByTestId('timeline-order').click();
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const entries = page.getByTestId('timeline-list').locator(':scope > li');
  await expect(entries.first()).toHaveAttribute('data-testid', 'connection-entry');
  await expect(entries.last()).toHaveAttribute('data-testid', 'close-entry');
  await expect(page.getByTestId('event-row-preview')).toHaveText(['{"n":1,"of":3}', '{"n":2,"of":3}', '{"n":3,"of":3}']);
});

test('pause keeps receiving without updating the view; clear hides what came so far', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=30&interval_ms=40');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  await page.getByTestId('timeline-pause').click();
  const paused = await page.getByTestId('timeline-count').textContent();
  // Wait for the stream to end (the Send button returns), then check the view did not move.
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 10000 });
  await expect(page.getByTestId('timeline-count')).toHaveText(paused ?? '');
  await page.getByTestId('timeline-pause').click();
  await expect(page.getByTestId('timeline-count')).toHaveText('30 events');
  await page.getByTestId('timeline-clear').click();
  await expect(page.getByTestId('timeline-count')).toHaveText('0 events');
  await expect(page.getByTestId('event-row')).toHaveCount(0);
});

test('the chunk view lists each network read with the events it carried, and opens one', async ({ page }) => {
  // The ticks are 500 ms apart so each is its own read; a busy CI machine may still let the
  // browser merge two reads (CI run of ff238a8 saw all three in one at 150 ms), so the test
  // asserts what the view must show for any split: one row per read, every event once, newest read first.
  await openWithUrl(page, '/demo/ticks?count=3&interval_ms=500');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByTestId('timeline-view').click();
  const rows = page.getByTestId('chunk-row');
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
  const listed = await page.getByTestId('chunk-events').getByRole('button').allTextContents();
  expect(listed.sort()).toEqual(['#1', '#2', '#3']);
  // Newest read on top: its last event is #3.
  await expect(rows.first().getByRole('button').last()).toHaveText('#3');
  await page.getByTestId('chunk-events').getByRole('button', { name: '#2' }).click();
  await page.getByTestId('side-tab-inspector').click();
  await expect(page.getByTestId('event-inspector')).toBeVisible();
  await expect(page.getByTestId('event-row')).toHaveCount(3);
});

test('a stream of hundreds of event types gets chips for the 50 most frequent and says how many more', async ({ page }) => {
  // Regression: 20,000 types drew 20,000 chips, and input was answered after 1.7 s.
  await openWithUrl(page, '/demo/hostile?kind=types&n=200');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('timeline-count')).toHaveText('200 events');
  await expect(page.getByTestId('type-chip')).toHaveCount(50);
  await expect(page.getByTestId('type-chips-more')).toHaveText('150 more types');
});

test('a huge event opens in the inspector as its first 64 KiB until Show all', async ({ page, context }) => {
  // Regression: opening a 15 MB event laid it out whole (and twice more, hidden): 3.9 s.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWithUrl(page, '/demo/hostile?kind=big-event&n=2000000');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByTestId('event-row').click();
  await expect(page.getByTestId('data-cut')).toContainText('the first 64.0 KiB of 1.9 MiB are shown');
  await page.getByTestId('side-tab-inspector').click();
  expect((await page.getByTestId('data-text').textContent())?.length).toBe(64 * 1024);
  await page.getByTestId('copy-data').click();
  expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBe(2_000_000);
  await page.getByTestId('data-show-all').click();
  await expect(page.getByTestId('data-cut')).toHaveCount(0);
  await page.getByTestId('side-tab-inspector').click();
  expect((await page.getByTestId('data-text').textContent())?.length).toBe(2_000_000);
});

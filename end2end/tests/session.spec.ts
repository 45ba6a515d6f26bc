import { readFile } from 'node:fs/promises';
import { closeReason, openWithUrl, rowTypes, expect, test, type Page } from './helpers';

/** Chooses `label` in the Export menu and returns the saved file's name and text. */
async function exportAs(page: Page, label: string): Promise<[string, string]> {
  const saved = page.waitForEvent('download');
  await page.getByTestId('export-menu').selectOption({ label });
  const download = await saved;
  return [download.suggestedFilename(), await readFile(await download.path(), 'utf8')];
}

test('exports parse back to the same events, and the raw export is the bytes sent', async ({ page, request }) => {
  const path = '/demo/ticks?count=4&interval_ms=0';
  const body = await (await request.get(path)).text();
  await openWithUrl(page, path);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');

  const [ndjsonName, ndjson] = await exportAs(page, 'Events as NDJSON (.ndjson)');
  expect(ndjsonName).toMatch(/^sse-studio-\d{8}-\d{6}\.ndjson$/);
  const lines = ndjson.trimEnd().split('\n').map((line) => JSON.parse(line));
  expect(lines.map((event) => [event.type, event.id, event.data])).toEqual([
    ['tick', '1', '{"n":1,"of":4}'],
    ['tick', '2', '{"n":2,"of":4}'],
    ['tick', '3', '{"n":3,"of":4}'],
    ['tick', '4', '{"n":4,"of":4}'],
  ]);
  await expect(page.getByTestId('toast')).toContainText('Exported 4 events');

  const [, raw] = await exportAs(page, 'Raw stream (.txt)');
  expect(raw).toBe(body);

  const [, json] = await exportAs(page, 'Session as JSON (.json)');
  const session = JSON.parse(json);
  expect(session.format).toBe('sse-studio-session');
  expect(session.request.method).toBe('GET');
  expect(session.response.status).toBe(200);
  expect(session.close.reason).toBe('clean');
  expect(session.events.map((event: { data: string }) => event.data)).toEqual(lines.map((event) => event.data));
});

test('pasted text opens offline as a timeline, and event data is shown as text, never HTML', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (dialog) => { dialogs += 1; await dialog.dismiss(); });
  await page.goto('/');
  await page.getByTestId('details-tab-share').click();
  await page.getByText('Open a stream file or pasted text (offline)').click();
  // Issue 15, item 6: the example shows line breaks, not a literal `&#10;`.
  await expect(page.getByTestId('open-stream-text')).toHaveAttribute('placeholder', 'event: update\ndata: {"n":1}\n\n');
  const attack = '<img src=x onerror=alert(1)>';
  await page.getByTestId('open-stream-text').fill(`event: note\ndata: ${attack}\n\ndata: {"n":2}\n\ndata: unfinished`);
  await page.getByTestId('open-stream-view').click();
  expect(await closeReason(page)).toBe('truncated');
  await expect(page.getByTestId('connection-entry')).toContainText('Opened pasted text (offline)');
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
  await expect(page.getByTestId('event-row-preview')).toHaveText(['{"n":2}', attack]);
  await page.locator('[data-testid="event-row"][data-index="0"]').click();
  await page.getByTestId('side-tab-inspector').click();
  await expect(page.getByTestId('data-text')).toHaveText(attack);
  await page.getByTestId('inspector-tab-raw').click();
  await expect(page.getByTestId('inspector-raw')).toHaveText(`event: note\ndata: ${attack}\n\n`);
  await expect(page.locator('main img')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('a stream file opens offline like a received one', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('details-tab-share').click();
  await page.getByText('Open a stream file or pasted text (offline)').click();
  await page.getByTestId('open-stream-file').setInputFiles({
    name: 'capture.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('id: 1\nevent: a\ndata: one\n\nid: 2\nevent: b\ndata: two\n\n'),
  });
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('connection-entry')).toContainText('Opened capture.txt (offline)');
  await expect(page.getByTestId('event-row-type')).toHaveText(['b', 'a']);
});

test('the theme button switches light and dark and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByTestId('theme-toggle').click();
  await expect(page.getByTestId('theme-toggle')).toHaveText('Theme: light');
  await page.getByTestId('theme-toggle').click();
  await expect(page.getByTestId('theme-toggle')).toHaveText('Theme: dark');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveText('Theme: dark');
  expect(await background()).not.toBe(light);
  await page.getByTestId('theme-toggle').click();
  await expect(page.getByTestId('theme-toggle')).toHaveText('Theme: system');
  expect(await background()).toBe(light);
});

test('the app opens its own exports again as the same run', async ({ page }) => {
  // Regression (issue 15, item 6): a session or NDJSON export opened as 0 events, "truncated".
  await openWithUrl(page, '/demo/ticks?count=3&interval_ms=0');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const [, json] = await exportAs(page, 'Session as JSON (.json)');
  const [, ndjson] = await exportAs(page, 'Events as NDJSON (.ndjson)');
  for (const exported of [json, ndjson]) {
    await page.getByTestId('details-tab-share').click();
    await page.getByText('Open a stream file or pasted text (offline)').click();
    await page.getByTestId('open-stream-text').fill(exported);
    await page.getByTestId('open-stream-view').click();
    expect(await closeReason(page)).toBe('clean');
    await expect(page.getByTestId('timeline-count')).toHaveText('3 events');
    expect(await rowTypes(page)).toEqual(['tick', 'tick', 'tick']);
    await page.getByText('Open a stream file or pasted text (offline)').click();
  }
});

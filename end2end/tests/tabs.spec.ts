import type { Page } from '@playwright/test';
import { closeReason, openWithUrl, oneConnection, expect, test } from './helpers';

test('each tab keeps its own request and run, and a run goes on streaming in a tab not shown', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=6&interval_ms=300');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  await page.getByTestId('tab-new').click();
  await expect(page.getByTestId('request-tab')).toHaveCount(2);
  await expect(page.getByLabel('URL')).toHaveValue('');
  await expect(page.getByTestId('request-tab-title').nth(1)).toHaveText('New request');
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=2&interval_ms=0', page.url()).toString());
  await oneConnection(page);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
  // The first tab's run finished while it was not shown; all six ticks are there.
  await page.getByTestId('request-tab-title').first().click();
  await expect(page.getByLabel('URL')).toHaveValue(/count=6&interval_ms=300$/);
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('timeline-count')).toHaveText('6 events');
  await page.getByTestId('request-tab-title').nth(1).click();
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
});

test('a saved request opens in its own tab, once; the tab shows unsaved changes and asks before closing them', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=2&interval_ms=0');
  await page.getByLabel('URL').press('Control+s');
  await expect(page.getByTestId('request-tab-title')).toHaveText(['GET /demo/ticks']);
  await page.getByTestId('tree-request-name').click();
  await expect(page.getByTestId('request-tab'), 'already open: brought forward').toHaveCount(1);
  await page.getByTestId('tab-new').click();
  await page.getByTestId('tree-request-name').click();
  await expect(page.getByTestId('request-tab')).toHaveCount(2);
  await expect(page.getByTestId('request-tab').first().locator('.tab-select')).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=9', page.url()).toString());
  await expect(page.getByTestId('tab-unsaved-dot')).toHaveCount(1);
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByTestId('tab-close').first().click();
  await expect(page.getByTestId('request-tab'), 'kept: the user said no').toHaveCount(2);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('tab-close').first().click();
  await expect(page.getByTestId('request-tab')).toHaveCount(1);
  await expect(page.getByTestId('request-tab-title')).toHaveText(['New request']);
  // Closing the last tab leaves a new empty one.
  await page.getByTestId('tab-close').click();
  await expect(page.getByTestId('request-tab')).toHaveCount(1);
  await expect(page.getByLabel('URL')).toHaveValue('');
});

test('closing a tab that is streaming closes its run, which history keeps', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=100&interval_ms=200');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('request-tab').locator('.tab-live')).toBeVisible();
  await page.getByTestId('tab-new').click();
  await page.getByTestId('tab-close').first().click();
  await expect(page.getByTestId('request-tab')).toHaveCount(1);
  await page.getByTestId('sidebar-tab-history').click();
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  await expect(page.getByTestId('history-item')).toContainText('Aborted');
});

test('switching and closing tabs while they stream leaves the app running (no panic)', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openWithUrl(page, '/demo/ticks?count=100&interval_ms=20');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('tab-new').click();
  await page.getByLabel('URL').fill(new URL('/demo/flood?count=20000&size=100', page.url()).toString());
  await page.getByRole('button', { name: 'Send' }).click();
  for (let round = 0; round < 5; round++) {
    await page.getByTestId('request-tab-title').first().click();
    await page.getByTestId('request-tab-title').last().click();
  }
  await page.getByTestId('request-tab-title').first().click();
  await page.getByTestId('tab-close').last().click();
  await page.getByTestId('tab-close').first().click();
  await expect(page.getByTestId('request-tab-title')).toHaveText(['New request']);
  // Still alive: a new run works.
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=2&interval_ms=0', page.url()).toString());
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
  expect(errors).toEqual([]);
});

test('a seventh stream to one server says it waits for one of the browser\'s six connections', async ({ page }) => {
  // Regression: it waited with "Connecting…" and no word of why.
  const ticks = '/demo/ticks?count=1000&interval_ms=1000';
  await openWithUrl(page, ticks);
  await page.getByRole('button', { name: 'Send' }).click();
  for (let tab = 2; tab <= 7; tab += 1) {
    await page.getByTestId('tab-new').click();
    await page.getByLabel('URL').fill(new URL(ticks, page.url()).toString());
    await page.getByTestId('details-tab-settings').click();
    await page.getByTestId('reconnect-switch').uncheck();
    await page.getByRole('button', { name: 'Send' }).click();
    if (tab < 7) await expect(page.getByTestId('connection-entry-status')).toHaveText(/^200/);
  }
  await expect(page.getByTestId('connection-entry-waiting')).toBeVisible();
  await expect(page.getByTestId('run-banner-waiting')).toContainText('6 streams to');
  // Closing another tab's stream frees a connection: this one connects.
  await page.getByTestId('request-tab').first().click();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByTestId('request-tab').last().click();
  await expect(page.getByTestId('connection-entry-status')).toHaveText(/^200/);
});

/** Closes the page as a user leaving it would: the type of the dialog the page asks with. */
async function dialogOnLeaving(page: Page): Promise<string> {
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', async (dialog) => {
      resolve(dialog.type());
      await dialog.dismiss();
    });
  });
  await page.close({ runBeforeUnload: true });
  return asked;
}

test('leaving with an edited saved request asks first', async ({ page }) => {
  // Regression (issue 15, item 4): a reload or close dropped unsaved edits without asking.
  await openWithUrl(page, '/demo/ticks?count=1');
  await page.getByTestId('save-request').click();
  await expect(page.getByTestId('toast')).toHaveText('Saved');
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=9', page.url()).toString());
  await expect(page.getByTestId('tab-unsaved-dot')).toHaveCount(1);
  expect(await dialogOnLeaving(page)).toBe('beforeunload');
});

test('leaving while a run is still being written to history asks first', async ({ page }) => {
  // A run over 1 MiB is stored a moment after it ends (so its last frames paint first): leaving
  // in that moment would lose it.
  await openWithUrl(page, '/demo/flood?count=20000&size=100');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('close-entry')).toBeVisible();
  expect(await dialogOnLeaving(page)).toBe('beforeunload');
});

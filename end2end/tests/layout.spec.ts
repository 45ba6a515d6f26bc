import { expect, test } from './helpers';

test('at 1366×768 a run of the default demo shows at least 15 timeline rows without scrolling the page', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Send' }).click();
  // 20 ticks 500 ms apart, then the reconnection the server answers 204.
  await expect(page.getByTestId('close-entry')).toBeVisible({ timeout: 20_000 });
  const rows = page.locator('.timeline-entry');
  const inView = await rows.evaluateAll((entries) =>
    entries.filter((entry) => {
      const box = entry.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    }).length,
  );
  expect(inView).toBeGreaterThanOrEqual(15);
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
});

test('the splitters resize the panes from the keyboard, and the sizes are remembered', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  const side = page.locator('.side-column');
  const before = (await side.boundingBox())?.width ?? 0;
  const bar = page.getByRole('separator', { name: 'Timeline and side pane' });
  await bar.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await side.boundingBox())?.width ?? 0).toBeGreaterThan(before + 40);
  const widened = (await side.boundingBox())?.width ?? 0;
  await page.reload();
  await expect.poll(async () => Math.round((await side.boundingBox())?.width ?? 0)).toBe(Math.round(widened));
  // Folding the request details is remembered too.
  await page.getByTestId('details-tab-headers').click();
  await expect(page.getByTestId('headers-table')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('headers-table')).toBeVisible();
  await page.getByTestId('details-fold').click();
  await expect(page.getByTestId('headers-table')).toHaveCount(0);
});

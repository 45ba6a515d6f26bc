import { closeReason, openWithUrl, expect, test } from './helpers';

test('an endless stream is stopped at the byte budget, keeping what came, and the budget is remembered', async ({ page }) => {
  // Regression: endless 64 KiB events filled a 4 GiB wasm heap and killed the app after 35 s.
  await openWithUrl(page, '/demo/hostile?kind=endless');
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('byte-budget').fill('2');
  await page.getByTestId('byte-budget').press('Tab');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('budget-exceeded');
  await expect(page.getByTestId('close-entry')).toContainText('byte budget of 2.0 MiB');
  const shown = await page.getByTestId('timeline-count').textContent();
  const events = Number(shown?.split(' ')[0]);
  expect(events).toBeGreaterThanOrEqual(30);
  await page.reload();
  await page.getByTestId('details-tab-settings').click();
  await expect(page.getByTestId('byte-budget')).toHaveValue('2');
});

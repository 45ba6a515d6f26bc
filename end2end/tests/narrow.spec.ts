import { expect, test } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

/** Whether anything on the page is wider than the window. */
async function overflows(page: import('@playwright/test').Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

test('on a phone the request and Send show first, one part at a time, nothing wider than the screen', async ({ page }) => {
  await page.goto('/');
  const send = page.getByRole('button', { name: 'Send' });
  await expect(send).toBeInViewport();
  await expect(page.getByLabel('URL')).toBeInViewport();
  expect(await overflows(page)).toBe(false);
  // The sidebar is folded away until asked for.
  await expect(page.getByTestId('sidebar')).toHaveCount(0);

  await send.click();
  await expect(page.getByTestId('narrow-tab-events')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('event-row').first()).toBeInViewport();
  await expect(page.getByLabel('URL')).toBeHidden();
  expect(await overflows(page)).toBe(false);

  // An event opened shows the inspector.
  await page.getByTestId('event-row').first().click();
  await expect(page.getByTestId('event-inspector')).toBeInViewport();
  await expect(page.getByTestId('timeline-scroll')).toBeHidden();
  expect(await overflows(page)).toBe(false);

  await page.getByTestId('narrow-tab-request').click();
  await expect(page.getByLabel('URL')).toBeInViewport();
  await page.getByTestId('sidebar-toggle').click();
  await expect(page.getByTestId('sidebar')).toBeVisible();
  expect(await overflows(page)).toBe(false);
});

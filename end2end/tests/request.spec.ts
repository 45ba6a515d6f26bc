import { closeReason, echoedRequest, expect, openWithUrl, test } from './helpers';

test('a JSON body sends Content-Type: application/json, shown as implicit, unless the user sets one', async ({ page }) => {
  await openWithUrl(page, '/demo/echo');
  await page.getByLabel('Method').selectOption('POST');
  await page.getByTestId('details-tab-body').click();
  await page.getByRole('textbox', { name: 'Body' }).fill('{"model": "gpt"}');
  await page.getByTestId('details-tab-headers').click();
  await expect(page.getByTestId('header-implicit')).toContainText('Content-Type: application/json');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  expect((await echoedRequest(page)).headers['content-type']).toBe('application/json');

  // The user's own Content-Type wins, and the implicit one is no longer shown.
  await page.getByRole('button', { name: '+ Add header' }).click();
  await page.getByRole('textbox', { name: 'Header name' }).last().fill('Content-Type');
  await page.getByRole('textbox', { name: 'Header value' }).last().fill('text/plain');
  await expect(page.getByTestId('header-implicit')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  expect((await echoedRequest(page)).headers['content-type']).toBe('text/plain');
});

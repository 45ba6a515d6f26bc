import { closeReason, echoedRequest, expect, openWithUrl, test } from './helpers';

test('query parameters are a table in step with the URL, {{variables}} in both', async ({ page }) => {
  await openWithUrl(page, '/demo/echo?model={{model}}&q=a%20b');
  await page.getByTestId('details-tab-params').click();
  await expect(page.getByTestId('details-tab-params')).toContainText('Params 2');
  const names = page.getByRole('textbox', { name: 'Parameter name' });
  const values = page.getByRole('textbox', { name: 'Parameter value' });
  await expect(names).toHaveCount(2);
  await expect(values.first()).toHaveValue('{{model}}');
  await expect(values.last()).toHaveValue('a%20b');

  // A row edited rewrites the URL; what would end the parameter is encoded.
  await values.last().fill('x&y');
  await expect(page.getByLabel('URL')).toHaveValue(/\/demo\/echo\?model=\{\{model\}\}&q=x%26y$/);
  await page.getByTestId('params-table-add').click();
  await names.last().fill('stream');
  await values.last().fill('true');
  await expect(page.getByLabel('URL')).toHaveValue(/&q=x%26y&stream=true$/);
  await page.getByRole('button', { name: 'Remove this parameter' }).first().click();
  await expect(page.getByLabel('URL')).toHaveValue(/\/demo\/echo\?q=x%26y&stream=true$/);

  // The URL edited redraws the rows.
  const url = await page.getByLabel('URL').inputValue();
  await page.getByLabel('URL').fill(`${url}&n={{n}}`);
  await expect(names).toHaveCount(3);
  await expect(values.last()).toHaveValue('{{n}}');
  await page.getByRole('button', { name: 'Remove this parameter' }).last().click();
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  expect((await echoedRequest(page)).uri).toBe('/demo/echo?q=x%26y&stream=true');
});

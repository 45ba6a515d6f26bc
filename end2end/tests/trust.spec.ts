import { addVariable, closeReason, echoedRequest, expect, test, type Page } from './helpers';

/** Collects the URLs of requests `page` makes to `/demo/echo`. */
function echoRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/demo/echo')) seen.push(request.url());
  });
  return seen;
}

test('a pasted curl command asks before it sends a secret, nothing leaves before, and once per origin', async ({ page }) => {
  await page.goto('/');
  await addVariable(page, 'openai_api_key', 'sk-secret-1', true);
  const echo = new URL('/demo/echo', page.url());
  await page.getByTestId('details-tab-share').click();
  await page.getByText('Import curl').click();
  await page.getByTestId('curl-import-text').fill(`curl -H 'Authorization: Bearer {{openai_api_key}}' ${echo}`);
  await page.getByTestId('curl-import-button').click();
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').uncheck();
  const sent = echoRequests(page);

  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('secret-confirm')).toBeVisible();
  await expect(page.getByTestId('secret-confirm-origin')).toHaveText(echo.origin);
  await expect(page.getByTestId('secret-confirm-variables')).toHaveText('{{openai_api_key}}');
  await expect(page.getByTestId('secret-confirm')).toContainText('an imported curl command');
  expect(sent).toEqual([]);
  await page.getByTestId('secret-confirm-cancel').click();
  await expect(page.getByTestId('secret-confirm')).toHaveCount(0);
  expect(sent).toEqual([]);

  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('secret-confirm-send').click();
  expect(await closeReason(page)).toBe('clean');
  expect((await echoedRequest(page)).headers.authorization).toBe('Bearer sk-secret-1');
  expect(sent).toHaveLength(1);

  // Confirmed for this origin: the next Send goes at once.
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => sent.length).toBe(2);
  await expect(page.getByTestId('secret-confirm')).toHaveCount(0);

  // Another origin asks again.
  const elsewhere = new URL(echo);
  elsewhere.hostname = 'localhost';
  await page.getByLabel('URL').fill(elsewhere.toString());
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('secret-confirm-origin')).toHaveText(elsewhere.origin);
  expect(sent).toHaveLength(2);
});

test('a share link that names your key cannot spend it on one press of Send', async ({ page, context }) => {
  await page.goto('/');
  await addVariable(page, 'openai_api_key', 'sk-secret-1', true);
  // The attacker's request: your key, by reference, to a URL of their choosing.
  await page.getByLabel('URL').fill(new URL('/demo/echo?to=attacker', page.url()).toString());
  await page.getByTestId('details-tab-auth').click();
  await page.getByTestId('auth-type').selectOption('Bearer token');
  await page.getByLabel('Token', { exact: true }).fill('{{openai_api_key}}');
  await page.getByTestId('details-tab-share').click();
  await page.getByTestId('share-open').click();
  const link = await page.getByTestId('share-link').inputValue();

  const victim = await context.newPage();
  const sent = echoRequests(victim);
  await victim.goto(link);
  await victim.getByTestId('details-tab-auth').click();
  await expect(victim.getByLabel('Token', { exact: true })).toHaveValue('{{openai_api_key}}');
  await victim.getByTestId('details-tab-settings').click();
  await victim.getByTestId('reconnect-switch').uncheck();
  await victim.getByRole('button', { name: 'Send' }).click();
  await expect(victim.getByTestId('secret-confirm')).toContainText('a share link');
  await expect(victim.getByTestId('secret-confirm-variables')).toHaveText('{{openai_api_key}}');
  expect(sent).toEqual([]);
});

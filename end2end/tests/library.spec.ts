import { readFile } from 'node:fs/promises';
import { addVariable, closeReason, echoedRequest, openWithUrl, oneConnection, expect, test } from './helpers';

test('a saved request is still there after a reload, and opens into the editor', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=2&interval_ms=0');
  await page.getByLabel('URL').press('Control+s');
  await expect(page.getByTestId('toast')).toHaveText('Saved');
  await expect(page.getByTestId('tree-request-name')).toHaveText(['GET /demo/ticks']);
  await page.reload();
  await expect(page.getByTestId('tree-request-name')).toHaveText(['GET /demo/ticks']);
  // The tab that held it is open again; from another tab, the saved request brings it back.
  await page.getByTestId('tab-new').click();
  await page.getByLabel('URL').fill('http://elsewhere.invalid/');
  await page.getByTestId('tree-request-name').click();
  await expect(page.getByLabel('URL')).toHaveValue(/\/demo\/ticks\?count=2&interval_ms=0$/);
});

test('a reload opens the same tabs again, with their unsaved edits and the chosen one active', async ({ page }) => {
  // Regression (issue 15, item 4): a reload threw away every open tab and unsaved edit.
  await openWithUrl(page, '/demo/ticks?count=2&interval_ms=0');
  await page.getByTestId('tab-new').click();
  await page.getByLabel('URL').fill('http://example.invalid/edited');
  await page.getByLabel('Method').selectOption('POST');
  await page.getByTestId('request-tab').first().click();
  await page.reload();
  await expect(page.getByTestId('request-tab')).toHaveCount(2);
  await expect(page.getByLabel('URL')).toHaveValue(/\/demo\/ticks\?count=2&interval_ms=0$/);
  await page.getByTestId('request-tab').last().click();
  await expect(page.getByLabel('URL')).toHaveValue('http://example.invalid/edited');
  await expect(page.getByLabel('Method')).toHaveValue('POST');
});

test('a deleted request comes back with Undo', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('save-request').click();
  await expect(page.getByTestId('tree-request')).toHaveCount(1);
  await page.getByTestId('tree-delete').click();
  await expect(page.getByTestId('tree-request')).toHaveCount(0);
  await page.getByTestId('collections-undo').click();
  await expect(page.getByTestId('tree-request')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('tree-request')).toHaveCount(1);
});

test('a finished run is in history, survives a reload, and opens as it was', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=3&interval_ms=0');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByTestId('sidebar-tab-history').click();
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  await expect(page.getByTestId('history-item')).toContainText('Closed cleanly');
  // Issue 15, item 8: the path comes first, so a long host cannot push it out of sight.
  await expect(page.getByTestId('history-target')).toContainText(/^GET \/demo\/ticks/);
  await expect(page.getByTestId('history-cap')).toContainText('1 of 200 runs');
  await page.reload();
  await page.getByTestId('sidebar-tab-history').click();
  await page.getByTestId('history-item').getByRole('button').first().click();
  await expect(page.getByTestId('timeline-count')).toHaveText('3 events');
  await expect(page.getByTestId('event-row-preview')).toHaveText(['{"n":3,"of":3}', '{"n":2,"of":3}', '{"n":1,"of":3}']);
});

test('environment variables are substituted on the wire and secrets stay masked in the app', async ({ page }) => {
  await page.goto('/');
  await addVariable(page, 'api_key', 'sk-secret-1', true);
  await page.getByLabel('URL').fill(new URL('/demo/echo?key={{api_key}}', page.url()).toString());
  await oneConnection(page);
  await page.getByTestId('details-tab-headers').click();
  await page.getByRole('button', { name: '+ Add header' }).click();
  await page.getByRole('textbox', { name: 'Header name' }).last().fill('X-Api-Key');
  await page.getByRole('textbox', { name: 'Header value' }).last().fill('{{api_key}}');
  await expect(page.getByTestId('variable-hint')).toHaveText(['{{api_key}} ✓']);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const echoed = await echoedRequest(page);
  expect(echoed.headers['x-api-key']).toBe('sk-secret-1');
  expect(echoed.uri).toBe('/demo/echo?key=sk-secret-1');
  // What the app shows and keeps has the secret masked.
  await expect(page.getByTestId('connection-entry')).toContainText('key=•••');
  await page.getByTestId('sidebar-tab-history').click();
  await expect(page.getByTestId('history-item')).toContainText('key=•••');
});

test('sending with an undefined variable is refused, naming it', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('URL').fill(new URL('/demo/echo?m={{model}}', page.url()).toString());
  await expect(page.getByTestId('variable-hint')).toHaveText(['{{model}} unknown']);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('request-bar-error')).toContainText('{{model}} in the URL');
  await expect(page.getByTestId('timeline-list')).toHaveCount(0);
});

test("OpenAI's documented curl example imports as a streaming POST", async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('details-tab-share').click();
  await page.getByText('Import curl').click();
  await page.getByTestId('curl-import-text').fill(`curl https://api.openai.com/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  -d '{
    "model": "gpt-4o",
    "messages": [{"role": "user", "content": "Hello!"}],
    "stream": true
  }'`);
  await page.getByTestId('curl-import-button').click();
  await expect(page.getByLabel('Method')).toHaveValue('POST');
  await expect(page.getByLabel('URL')).toHaveValue('https://api.openai.com/v1/chat/completions');
  await page.getByTestId('details-tab-headers').click();
  const values = page.getByRole('textbox', { name: 'Header value' });
  await expect(values.nth(0)).toHaveValue('application/json');
  await expect(values.nth(1)).toHaveValue('Bearer $OPENAI_API_KEY');
  await page.getByTestId('details-tab-body').click();
  await expect(page.getByRole('textbox', { name: 'Body' })).toHaveValue(/"stream": true/);
});

test('a malformed collections file is refused with the reason and changes nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('save-request').click();
  await expect(page.getByTestId('tree-request')).toHaveCount(1);
  const saved = page.waitForEvent('download');
  await page.getByTestId('collections-export').click();
  const exported = await readFile(await (await saved).path(), 'utf8');
  const broken = exported.replace('"method": "GET"', '"method": "HEAD"');
  await page.getByTestId('collections-import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('toast')).toContainText('Nothing was imported: The request "GET /demo/ticks" in "My requests" has the method "HEAD"');
  await expect(page.getByTestId('tree-request')).toHaveCount(1);
  await expect(page.getByTestId('tree-collection')).toHaveCount(1);
});

test('a second tab shows what the first one saves, without a reload', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto('/');
  await second.goto('/');
  await expect(second.getByTestId('tree-request')).toHaveCount(0);
  await first.getByTestId('save-request').click();
  await expect(second.getByTestId('tree-request-name')).toHaveText(['GET /demo/ticks']);
  await second.getByTestId('tree-delete').click();
  await expect(first.getByTestId('tree-request')).toHaveCount(0);
});

test('a history entry loads its request back into the editor, secrets still masked', async ({ page }) => {
  await page.goto('/');
  await addVariable(page, 'key', 'sk-9', true);
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=1&interval_ms=0&key={{key}}', page.url()).toString());
  await oneConnection(page);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByLabel('URL').fill('http://elsewhere.invalid/');
  await page.getByTestId('sidebar-tab-history').click();
  await page.getByTestId('history-replay').click();
  await expect(page.getByLabel('URL')).toHaveValue(/\/demo\/ticks\?count=1&interval_ms=0&key=•••$/);
});

/** The names of the requests stored in the first folder of the first stored collection. */
async function storedFolderRequests(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('sse-studio');
        open.onsuccess = () => {
          const read = open.result.transaction('collections').objectStore('collections').getAll();
          read.onsuccess = () => {
            const folder = read.result[0]?.folders?.[0];
            resolve((folder?.requests ?? []).map((request: { name: string }) => request.name));
            open.result.close();
          };
          read.onerror = () => resolve([]);
        };
        open.onerror = () => resolve([]);
      }),
  );
}

test('requests are renamed, duplicated and moved into a folder, and it all survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('save-request').click();
  await page.getByTestId('request-rename-button').click();
  await page.getByTestId('request-rename').fill('Ticks');
  await page.getByTestId('request-rename').press('Enter');
  await expect(page.getByTestId('tree-request-name')).toHaveText(['Ticks']);
  await page.getByTestId('tree-duplicate').click();
  await expect(page.getByTestId('tree-request-name')).toHaveText(['Ticks', 'Ticks copy']);
  await page.getByTestId('folder-add').click();
  await expect(page.getByTestId('tree-folder-name')).toHaveText(['Folder 1']);
  await page.getByTestId('tree-move').last().selectOption({ label: 'My requests / Folder 1' });
  // Folders come first in a collection.
  await expect(page.getByTestId('tree-request-name')).toHaveText(['Ticks copy', 'Ticks']);
  await expect(page.getByTestId('tree-folder').locator('xpath=../..').getByTestId('tree-request-name')).toHaveText(['Ticks copy']);
  // The move is stored before the reload (a reload aborts a write still in flight).
  await expect.poll(() => storedFolderRequests(page)).toEqual(['Ticks copy']);
  await page.reload();
  await expect(page.getByTestId('tree-folder-name')).toHaveText(['Folder 1']);
  await expect(page.getByTestId('tree-request-name')).toHaveText(['Ticks copy', 'Ticks']);
});

test('a folder the user closed stays closed while the requests beside it are renamed and saved', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('save-request').click();
  await page.getByTestId('folder-add').click();
  await page.getByTestId('tree-move').selectOption({ label: 'My requests / Folder 1' });
  await page.getByTestId('tree-folder').click();
  const folder = page.getByTestId('tree-folder').locator('xpath=..');
  await expect(folder).not.toHaveAttribute('open');
  // Another request saved into the same collection, then renamed: the collection changes twice.
  await page.getByTestId('tab-new').click();
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=1', page.url()).toString());
  await page.getByTestId('save-request').click();
  await page.getByTestId('request-rename-button').last().click();
  await page.getByTestId('request-rename').fill('One tick');
  await page.getByTestId('request-rename').press('Enter');
  await expect(page.getByTestId('tree-request-name').last()).toHaveText('One tick');
  await expect(folder).not.toHaveAttribute('open');
});

test('a request dragged onto a folder moves into it, and back out onto its collection', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('save-request').click();
  await page.getByTestId('folder-add').click();
  const inFolder = page.getByTestId('tree-folder').locator('xpath=../..').getByTestId('tree-request');
  await page.getByTestId('tree-request').dragTo(page.getByTestId('tree-folder'));
  await expect(inFolder).toHaveCount(1);
  await page.reload();
  await expect(inFolder).toHaveCount(1);
  await page.getByTestId('tree-request').dragTo(page.getByTestId('tree-collection').locator('summary').first());
  await expect(inFolder).toHaveCount(0);
  await expect(page.getByTestId('tree-request')).toHaveCount(1);
});

test('history keeps only as many runs as its limit, oldest dropped first', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=1&interval_ms=0');
  await page.getByTestId('sidebar-tab-history').click();
  await page.getByText('Limits').click();
  await page.getByTestId('history-max-runs').fill('2');
  await page.getByTestId('history-max-runs').press('Enter');
  for (const n of [1, 2, 3]) {
    await page.getByLabel('URL').fill(new URL(`/demo/ticks?count=${n}&interval_ms=0`, page.url()).toString());
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('history-item')).toHaveCount(Math.min(n, 2));
    await expect(page.getByTestId('history-item').first()).toContainText(`count=${n}`);
  }
  await expect(page.getByTestId('history-cap')).toContainText('2 of 2 runs');
  await page.reload();
  await page.getByTestId('sidebar-tab-history').click();
  await expect(page.getByTestId('history-item')).toHaveCount(2);
  await expect(page.getByTestId('history-item').last()).toContainText('count=2');
});

test('a dot shows unsaved changes to an opened request until it is saved', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('save-request').click();
  await expect(page.getByTestId('unsaved-dot')).toHaveCount(0);
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=7', page.url()).toString());
  await expect(page.getByTestId('unsaved-dot')).toBeVisible();
  await page.getByLabel('URL').press('Control+s');
  await expect(page.getByTestId('unsaved-dot')).toHaveCount(0);
  await page.reload();
  await page.getByTestId('tree-request-name').click();
  await expect(page.getByLabel('URL')).toHaveValue(/count=7$/);
});

test('a full storage quota is reported, the view shows only what is stored, and saving works once there is room', async ({ page, context }) => {
  await openWithUrl(page, '/demo/ticks?count=2&interval_ms=0');
  // What a full disk looks like to the page: this origin may store nothing more. (Chromium applies
  // the override to connections opened after it, hence the reload; it did not refuse writes to a
  // database that already held records, so this test starts empty and the "earlier data stays"
  // half is the storage layer's wasm-bindgen test.)
  const devtools = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await devtools.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await page.reload();
  await page.getByLabel('URL').fill(new URL('/demo/ticks?count=2&interval_ms=0', page.url()).toString());
  await oneConnection(page);
  await page.getByLabel('URL').press('Control+s');
  await expect(page.getByTestId('toast')).toHaveText(
    "The browser's storage for this site is full. Delete old history or collections and try again; nothing was changed.",
  );
  await expect(page.getByTestId('tree-request')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByTestId('sidebar-tab-history').click();
  await expect(page.getByTestId('history-item')).toHaveCount(0);
  await devtools.send('Storage.overrideQuotaForOrigin', { origin });
  await page.reload();
  await page.getByLabel('URL').press('Control+s');
  await expect(page.getByTestId('toast')).toHaveText('Saved');
  await page.reload();
  await expect(page.getByTestId('tree-request')).toHaveCount(1);
});

test('Basic auth is sent as UTF-8 base64, saved with the request, and masked in what the app keeps', async ({ page }) => {
  await openWithUrl(page, '/demo/echo');
  await page.getByTestId('details-tab-auth').click();
  await page.getByTestId('auth-type').selectOption('Basic');
  await page.getByRole('textbox', { name: 'User name' }).fill('user');
  await page.getByLabel('Password', { exact: true }).fill('pässword');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const echoed = await echoedRequest(page);
  expect(echoed.headers.authorization).toBe(`Basic ${Buffer.from('user:pässword', 'utf8').toString('base64')}`);
  await page.getByLabel('URL').press('Control+s');
  await page.reload();
  await page.getByTestId('tree-request-name').click();
  await page.getByTestId('details-tab-auth').click();
  await expect(page.getByTestId('auth-type')).toHaveValue('Basic');
  await expect(page.getByRole('textbox', { name: 'User name' })).toHaveValue('user');
  await page.getByTestId('sidebar-tab-history').click();
  await page.getByTestId('history-replay').click();
  // History keeps the request as sent: the Authorization header, its value masked.
  await page.getByTestId('details-tab-headers').click();
  await expect(page.getByRole('textbox', { name: 'Header name' }).last()).toHaveValue('Authorization');
  await expect(page.getByRole('textbox', { name: 'Header value' }).last()).toHaveValue('•••');
});

test('an API key in the query takes a secret variable, sent on the wire and masked in the app', async ({ page }) => {
  await page.goto('/');
  await addVariable(page, 'token', 'sk-query-1', true);
  await page.getByLabel('URL').fill(new URL('/demo/echo?n=1', page.url()).toString());
  await oneConnection(page);
  await page.getByTestId('details-tab-auth').click();
  await page.getByTestId('auth-type').selectOption('API key');
  await page.getByRole('textbox', { name: 'Key name' }).fill('api_key');
  await page.getByLabel('Key', { exact: true }).fill('{{token}}');
  await page.getByTestId('auth-key-place').selectOption('query');
  await expect(page.getByTestId('variable-hint')).toHaveText(['{{token}} ✓']);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const echoed = await echoedRequest(page);
  expect(echoed.uri).toBe('/demo/echo?n=1&api_key=sk-query-1');
  await expect(page.getByTestId('connection-entry')).toContainText('n=1&api_key=•••');
  await page.getByTestId('sidebar-tab-history').click();
  await expect(page.getByTestId('history-item')).toContainText('api_key=•••');
});

test('Copy as curl masks every credential written literally: headers, query values and a URL password', async ({ page, context }) => {
  // Regression: literal X-Api-Key headers and ?api_key= values were copied in clear.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWithUrl(page, '/demo/echo?model=m&api_key=sk-query-1');
  const url = new URL(page.url());
  await page.getByLabel('URL').fill(`http://ann:pw-secret@${url.host}/demo/echo?model=m&api_key=sk-query-1`);
  await page.getByTestId('details-tab-headers').click();
  await page.getByTestId('headers-table-add').click();
  await page.getByRole('textbox', { name: 'Header name' }).last().fill('X-Api-Key');
  await page.getByRole('textbox', { name: 'Header value' }).last().fill('sk-header-1');
  await page.getByTestId('details-tab-share').click();
  await page.getByTestId('copy-curl').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("-H 'X-Api-Key: •••'");
  expect(copied).toContain('api_key=•••');
  expect(copied).toContain('ann:•••@');
  expect(copied).toContain('model=m');
  expect(copied).not.toMatch(/sk-|pw-secret/);
});

test('a newer version opening the database in another tab makes this one say so, and a save then says it was not saved', async ({ page, context }) => {
  await openWithUrl(page, '/demo/ticks?count=1');
  // Another tab asks for a newer schema, as a newer SSE Studio would.
  const other = await context.newPage();
  await other.goto('/');
  const upgraded = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open('sse-studio', 99);
        request.onsuccess = () => {
          request.result.close();
          resolve('upgraded');
        };
        request.onblocked = () => resolve('blocked');
        request.onerror = () => resolve(`error: ${request.error}`);
      }),
  );
  expect(upgraded).toBe('upgraded');
  await expect(page.getByTestId('outdated-banner')).toContainText('updated in another tab');
  await page.getByTestId('save-request').click();
  await expect(page.getByTestId('toast')).toContainText('Not saved: SSE Studio was updated in another tab');
});

test('a variable value typed right after its name is kept, and an empty used variable is a warning at Send', async ({ page }) => {
  // Regression (issue 15, item 1): Tab from the name rebuilt the row, focus left, the value was lost.
  await openWithUrl(page, '/demo/echo');
  await page.getByTestId('environment-add').click();
  await page.getByTestId('variable-add').click();
  await page.getByTestId('variable-name').fill('host');
  await page.keyboard.press('Tab');
  await page.keyboard.type('127.0.0.1:1');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('variable-value')).toHaveValue('127.0.0.1:1');
  await expect(page.getByTestId('variable-name')).toHaveValue('host');
  await page.getByTestId('variable-add').click();
  await page.getByTestId('variable-name').last().fill('trace');
  await page.getByTestId('variable-name').last().press('Tab');
  await page.getByTestId('details-tab-headers').click();
  await page.getByTestId('headers-table-add').click();
  await page.getByRole('textbox', { name: 'Header name' }).last().fill('X-Trace');
  await page.getByRole('textbox', { name: 'Header value' }).last().fill('{{trace}}');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('toast')).toHaveText('Sent with {{trace}} empty: set its value in the environment');
  expect(await closeReason(page)).toBe('clean');
});

test('the chosen environment is still chosen after a reload', async ({ page }) => {
  // Regression (issue 15, item 4): the picker showed None after a reload.
  await page.goto('/');
  await addVariable(page, 'host', '127.0.0.1', false);
  const chosen = await page.getByTestId('environment-select').inputValue();
  expect(chosen).not.toBe('');
  await page.reload();
  await expect(page.getByTestId('environment-select')).toHaveValue(chosen);
});

test('a variable being typed into keeps its value when another tab removes a variable above it', async ({ context, page }) => {
  // Variable rows were keyed by place: another tab's removal re-aimed the rows, the focused one
  // left the page and the value typed into it was lost.
  await page.goto('/');
  await page.getByTestId('environment-add').click();
  for (const [name, value] of [['a', '1'], ['b', '2'], ['c', '3']]) {
    await page.getByTestId('variable-add').click();
    await page.getByTestId('variable-name').last().fill(name);
    await page.getByTestId('variable-name').last().press('Tab');
    await page.getByTestId('variable-value').last().fill(value);
    await page.getByTestId('variable-value').last().press('Tab');
  }
  const other = await context.newPage();
  await other.goto('/');
  await other.getByTestId('environment-edit').click();
  await expect(other.getByTestId('variable-name')).toHaveCount(3);
  await page.getByTestId('variable-value').nth(2).fill('33');
  await other.getByRole('button', { name: 'Remove variable' }).first().click();
  await expect(page.getByTestId('variable-name')).toHaveCount(2);
  await expect(page.getByTestId('variable-value').nth(1)).toBeFocused();
  await expect(page.getByTestId('variable-value').nth(1)).toHaveValue('33');
  await page.keyboard.press('Tab');
  // Stored, and shown in the other tab, for the variable it was typed into.
  await expect(other.getByTestId('variable-value').nth(1)).toHaveValue('33');
  await expect(other.getByTestId('variable-name').nth(1)).toHaveValue('c');
  await expect(other.getByTestId('variable-value').first()).toHaveValue('2');
});

import type { Page } from '@playwright/test';
import { closeReason, expect, test } from './helpers';

/** Opens the MCP template `step` in a new tab and sends it; waits for its run to end. */
async function sendStep(page: Page, step: string, edit?: (page: Page) => Promise<void>): Promise<void> {
  await page.getByTestId('example-menu').selectOption(`MCP: ${step}`);
  if (edit) await edit(page);
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
}

/** The JSON-RPC view's lines, as "kind: what | note". */
async function lines(page: Page): Promise<string[]> {
  await page.getByTestId('side-tab-json-rpc').click();
  const rows = page.getByTestId('rpc-line');
  const count = await rows.count();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const what = await row.locator('.rpc-what').textContent();
    const note = await row.locator('.rpc-note').textContent();
    out.push(`${await row.getAttribute('data-kind')}: ${what} | ${note}`);
  }
  return out;
}

test('an MCP session from the templates: the session id captured, requests paired with answers, progress in order, a dropped call resumed', async ({ page }) => {
  await page.goto('/');
  await sendStep(page, 'initialize (captures the session id)');
  await expect(page.getByTestId('toast')).toContainText('Captured {{mcp_session_id}} into the environment Captures');
  await expect(page.getByTestId('environment-select').locator('option:checked')).toHaveText('Captures');
  expect(await lines(page)).toEqual([
    expect.stringMatching(/^request: initialize #1 \| answered in \d+ ms$/),
    expect.stringMatching(/^priming: priming event, id [0-9/]+ \| no message: where a resumed stream starts$/),
    expect.stringMatching(/^response: #1 result \| to initialize after \d+ ms$/),
  ]);

  await sendStep(page, 'notifications/initialized');
  await expect(page.getByTestId('connection-entry')).toContainText('202');

  await sendStep(page, 'tools/list');
  expect(await lines(page)).toEqual([
    expect.stringMatching(/^request: tools\/list #2 \| answered in \d+ ms$/),
    expect.stringMatching(/^priming: /),
    expect.stringMatching(/^response: #2 result \| to tools\/list after \d+ ms$/),
  ]);
  await expect(page.getByTestId('rpc-summary')).toHaveText('Every request is answered.');

  await sendStep(page, 'tools/call (streams progress)');
  expect(await lines(page)).toEqual([
    expect.stringMatching(/^request: tools\/call #3 \| answered in \d+ ms$/),
    expect.stringMatching(/^priming: /),
    'notification: progress "forecast-1": 33% | Reading the models',
    'notification: progress "forecast-1": 67% | Blending',
    'notification: progress "forecast-1": 100% | Rounding',
    expect.stringMatching(/^response: #3 result \| to tools\/call after \d+ ms$/),
  ]);
  // No protocol fault, only the retry note of the priming event.
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(page.getByTestId('diagnostic')).toHaveAttribute('data-kind', 'retry');

  // The same call, its stream reset by the demo after the priming event and one progress
  // notification: the app resumes it with a GET and Last-Event-ID, and pairs the replayed answer.
  await sendStep(page, 'tools/call (streams progress)', async (page) => {
    const url = page.getByLabel('URL');
    await url.fill(`${await url.inputValue()}?drop_after=2`);
    await page.getByTestId('details-tab-body').click();
    const body = page.getByTestId('body-editor');
    await body.fill((await body.inputValue()).replace('"latitude": 48.8', '"latitude": 48.8, "step_ms": 2500'));
  });
  await expect(page.getByTestId('reconnection-entry')).toHaveCount(1);
  const resumed = await lines(page);
  expect(resumed[0]).toMatch(/^request: tools\/call #3 \| answered in \d+ ms$/);
  expect(resumed[3]).toMatch(/^resumed: resumed with Last-Event-ID \d+\/\d+ \| the server replays what came after$/);
  expect(resumed.at(-1)).toMatch(/^response: #3 result \| to tools\/call after \d+ ms$/);
  const percents = resumed.flatMap((line) => line.match(/(\d+)% \|/)?.[1] ?? []).map(Number);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  expect(percents.at(-1)).toBe(100);
  // rmcp 3.11 sends the event named by Last-Event-ID again: the timeline says so.
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(page.locator('[data-testid="diagnostic"][data-kind="repeated-ids"]')).toHaveCount(1);
});

test('a protocol fault in a JSON-RPC stream is a diagnostic with its cause and fix', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('URL').fill(new URL('/demo/echo', page.url()).toString());
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').uncheck();
  // An echo of a request that is JSON-RPC: its event is not (a fault of a JSON-RPC run).
  await page.getByTestId('request-bar-method').selectOption('POST');
  await page.getByTestId('details-tab-body').click();
  await page.getByTestId('body-editor').fill('{"jsonrpc":"2.0","id":1,"method":"ping"}');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByTestId('side-tab-diagnostics').click();
  const fault = page.locator('[data-testid="diagnostic"][data-kind="jsonrpc-not-json-rpc"]');
  await expect(fault).toContainText('Event #1 is not a JSON-RPC 2.0 message.');
  await expect(fault).toContainText('"jsonrpc": "2.0"');
  expect(await lines(page)).toEqual([
    'request: ping #1 | no answer yet',
    expect.stringMatching(/^not-json-rpc: not JSON-RPC \| /),
  ]);
});

test('the HTTP+SSE transport: the stream names its endpoint, messages posted there are answered on the stream, paired', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('example-menu').selectOption('MCP (HTTP+SSE transport): open the stream, then post from the JSON-RPC view');
  await page.getByRole('button', { name: 'Send' }).click();
  const post = page.getByTestId('rpc-post');
  await expect(post).toContainText('/demo/mcp-sse/messages?session_id=');
  // Each step once the one before is answered (a notification has no answer).
  for (const [step, answers] of [['initialize (captures the session id)', 1], ['notifications/initialized', 1], ['tools/list', 2]] as const) {
    await page.getByTestId('rpc-post-preset').selectOption(`MCP: ${step}`);
    await expect(page.getByTestId('rpc-post-body')).toHaveValue(new RegExp(`"method": "${step.split(' ')[0]}"`));
    await page.getByTestId('rpc-post-send').click();
    await expect(page.locator('[data-testid="rpc-line"][data-kind="response"]')).toHaveCount(answers);
  }
  expect(await lines(page)).toEqual([
    expect.stringMatching(/^endpoint: endpoint \/demo\/mcp-sse\/messages\?session_id=\w+ \| HTTP\+SSE transport/),
    expect.stringMatching(/^request: initialize #1 \| answered in \d+ ms$/),
    expect.stringMatching(/^response: #1 result \| to initialize after \d+ ms$/),
    'notification: notifications/initialized | ',
    expect.stringMatching(/^request: tools\/list #2 \| answered in \d+ ms$/),
    expect.stringMatching(/^response: #2 result \| to tools\/list after \d+ ms$/),
  ]);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  expect(await closeReason(page)).toBe('aborted');
  await expect(page.getByTestId('rpc-post-send')).toBeDisabled();
});

import { closeReason, loadExample, oneConnection, expect, test, type Page } from './helpers';

const figure = (page: Page, label: string) => page.locator(`[data-testid="token-figure"][data-label="${label}"]`);

/** Opens the demo template `label`, sends it, waits for the run to end and for token timing. */
async function run(page: Page, label: string): Promise<void> {
  await loadExample(page, label);
  await page.getByRole('button', { name: 'Send' }).click();
  await closeReason(page);
  await expect(figure(page, 'Time to first token')).toHaveText(/^\d+(\.\d+)? m?s$/);
}

test('OpenAI tool calls: arguments assembled from fragments, pretty-printed, with finish reason and usage', async ({ page }) => {
  await run(page, 'Demo: OpenAI tool calls');
  await page.getByTestId('side-tab-answer').click();
  const answer = page.getByTestId('answer');
  await expect(answer.getByTestId('answer-dialect')).toHaveText('OpenAI Chat Completions');
  await expect(answer.getByTestId('answer-status')).toHaveText('complete');
  await expect(answer.getByTestId('answer-text')).toHaveText('Let me check the weather.');
  await expect(answer.getByTestId('tool-call-name')).toHaveText(['get_weather', 'get_weather']);
  await expect(answer.getByTestId('tool-call-arguments').first()).toHaveText('{\n  "city": "Paris",\n  "unit": "c"\n}');
  await expect(answer.getByTestId('answer-finish-reason')).toHaveText('tool_calls');
  await expect(answer.getByTestId('answer-usage')).toHaveText('Tokens: 82 input · 41 output · 0 reasoning · 123 total');
  await expect(figure(page, 'Deltas')).toHaveText('6');
  await expect(figure(page, 'Time to first token')).toHaveText(/ms|s$/);
  await expect(figure(page, 'Deltas per second')).toHaveText(/^\d+\.\d$/);
  // `[DONE]` is the terminator, not a JSON error.
  await expect(answer).not.toContainText('not JSON');
});

test('a stream without [DONE] is flagged incomplete, with its reasoning apart from the text', async ({ page }) => {
  await run(page, 'Demo: OpenAI-compatible reasoning, no [DONE]');
  await page.getByTestId('side-tab-answer').click();
  const answer = page.getByTestId('answer');
  await expect(answer.getByTestId('answer-status')).toHaveText('incomplete: the stream ended without data: [DONE]');
  await expect(answer.getByTestId('answer-reasoning')).toHaveText('The user greets me; answer briefly.');
  await expect(answer.getByTestId('answer-text')).toHaveText('Hello there! 👋');
});

test('OpenAI Responses: reasoning summary, text and a function call', async ({ page }) => {
  await run(page, 'Demo: OpenAI Responses');
  await page.getByTestId('side-tab-answer').click();
  const answer = page.getByTestId('answer');
  await expect(answer.getByTestId('answer-dialect')).toHaveText('OpenAI Responses');
  await expect(answer.getByTestId('answer-text')).toHaveText('Streams flow; events arrive.');
  await expect(answer.getByTestId('tool-call-arguments')).toHaveText('{\n  "title": "Flow"\n}');
  await expect(answer.getByTestId('answer-status')).toHaveText('complete');
});

test('Anthropic: thinking, text and tool input assembled per block; Copy as Markdown', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await run(page, 'Demo: Anthropic thinking and tool use');
  await page.getByTestId('side-tab-answer').click();
  const answer = page.getByTestId('answer');
  await expect(answer.getByTestId('answer-reasoning')).toHaveText('The user wants the weather; I should call the tool.');
  await expect(answer.getByTestId('answer-text')).toHaveText('Okay, let\'s check the weather for San Francisco, CA:');
  await expect(answer.getByTestId('tool-call-arguments')).toHaveText('{\n  "location": "San Francisco, CA",\n  "unit": "fahrenheit"\n}');
  await expect(answer.getByTestId('answer-finish-reason')).toHaveText('tool_use');
  await answer.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByTestId('toast')).toContainText('Answer as Markdown');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('> The user wants the weather');
  expect(copied).toContain('**Tool call** `get_weather`');
});

test('an Anthropic error event mid-stream is highlighted and the answer is incomplete', async ({ page }) => {
  await run(page, 'Demo: Anthropic error mid-stream');
  await page.getByTestId('side-tab-answer').click();
  const answer = page.getByTestId('answer');
  await expect(answer.getByTestId('answer-error')).toHaveText('Error in event #5: overloaded_error: Overloaded');
  await expect(answer.getByTestId('answer-status')).toHaveText('incomplete: the stream ended without message_stop');
  await expect(answer.getByTestId('answer-text')).toHaveText('Here is the first part of');
});

test('Gemini: thoughts, text and a whole function call; the finish reason completes it', async ({ page }) => {
  await run(page, 'Demo: Gemini');
  await page.getByTestId('side-tab-answer').click();
  const answer = page.getByTestId('answer');
  await expect(answer.getByTestId('answer-dialect')).toHaveText('Google Gemini');
  await expect(answer.getByTestId('answer-text')).toHaveText('It is mild in Tokyo today; I will log it.');
  await expect(answer.getByTestId('tool-call-name')).toHaveText('log_weather');
  await expect(answer.getByTestId('answer-finish-reason')).toHaveText('STOP');
});

for (const [label, dialect] of [
  ['Demo: OpenAI chat completions (POST)', 'OpenAI Chat Completions'],
  ['Demo: Anthropic messages (POST)', 'Anthropic Messages'],
]) {
  test(`the ${dialect} demo adds up to its reply, complete, with a rate`, async ({ page }) => {
    await run(page, label);
    await page.getByTestId('side-tab-answer').click();
    const answer = page.getByTestId('answer');
    await expect(answer.getByTestId('answer-dialect')).toHaveText(dialect);
    await expect(answer.getByTestId('answer-status')).toHaveText('complete');
    await expect(answer.getByTestId('answer-text')).toContainText('server-sent events');
    await expect(figure(page, 'Deltas per second')).toHaveText(/^\d+\.\d$/);
  });
}

test('a provider template fills key and model as variables, refused until they are defined', async ({ page }) => {
  await loadExample(page, 'Anthropic Messages (stream)');
  await expect(page.getByLabel('URL')).toHaveValue('https://api.anthropic.com/v1/messages');
  await page.getByTestId('details-tab-headers').click();
  const names = await page.getByRole('textbox', { name: 'Header name' }).evaluateAll((inputs) =>
    inputs.map((input) => (input as HTMLInputElement).value),
  );
  expect(names).toEqual(['Accept', 'Content-Type', 'anthropic-version', 'anthropic-dangerous-direct-browser-access']);
  await page.getByTestId('details-tab-auth').click();
  await expect(page.getByTestId('auth-type')).toHaveValue(/key/i);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('request-bar-error')).toContainText('needs an environment that defines it');
});

test('a stream that is not an AI stream shows no answer', async ({ page }) => {
  await loadExample(page, 'Demo: truncated stream (GET)');
  await oneConnection(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await closeReason(page);
  await page.getByTestId('side-tab-answer').click();
  await expect(page.getByTestId('answer')).toHaveCount(0);
});

test('an NDJSON stream (Ollama native chat) is a record per timeline entry and its answer assembles', async ({ page }) => {
  await loadExample(page, 'Demo: Ollama native chat (NDJSON)');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('timeline-count')).toHaveText('7 events');
  await expect(page.getByTestId('event-row-type').first()).toHaveText('record');
  await page.getByTestId('side-tab-answer').click();
  await expect(page.getByTestId('answer-status')).toHaveText('complete');
  await expect(page.getByTestId('answer-text')).toHaveText('Server-sent events push text over HTTP.');
  await expect(page.getByTestId('answer-dialect')).toContainText('Ollama');
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(page.locator('[data-testid="diagnostic"][data-kind="not-event-stream"]')).toHaveCount(0);
});

test('the Vercel AI SDK UI message stream: reasoning, text parts and a tool call with its output', async ({ page }) => {
  await run(page, 'Demo: Vercel AI SDK UI message stream');
  await page.getByTestId('side-tab-answer').click();
  const answer = page.getByTestId('answer');
  await expect(answer.getByTestId('answer-dialect')).toHaveText('Vercel AI SDK UI message stream');
  await expect(answer.getByTestId('answer-status')).toHaveText('complete');
  await expect(answer.getByTestId('answer-reasoning')).toHaveText('The user wants the weather; look it up first.');
  await expect(answer.getByTestId('answer-text')).toHaveText('Let me check the weather in Berlin.\n\nIt is 18 °C and cloudy in Berlin.');
  await expect(answer.getByTestId('tool-call-arguments')).toHaveText('{\n  "city": "Berlin"\n}');
  await expect(answer.getByTestId('tool-call-result')).toHaveText('{\n  "temperature": 18,\n  "conditions": "cloudy"\n}');
  await expect(answer.getByTestId('answer-finish-reason')).toHaveText('stop');
  await expect(answer.getByTestId('answer-order')).toHaveCount(0);
});

test('AG-UI: reasoning, messages and a tool call with its result, to RUN_FINISHED', async ({ page }) => {
  await run(page, 'Demo: AG-UI agent run');
  await page.getByTestId('side-tab-answer').click();
  const answer = page.getByTestId('answer');
  await expect(answer.getByTestId('answer-dialect')).toHaveText('AG-UI');
  await expect(answer.getByTestId('answer-status')).toHaveText('complete');
  await expect(answer.getByTestId('answer-text')).toHaveText('Searching flights to Lisbon…\n\nI found 3 flights.');
  await expect(answer.getByTestId('tool-call-name')).toHaveText('searchFlights');
  await expect(answer.getByTestId('tool-call-result')).toHaveText('3 flights found');
  await expect(page.getByTestId('event-row-type').first()).toHaveText('message');
});

test('an Anthropic block whose stop is missing is one order diagnostic naming the block and event', async ({ page }) => {
  await run(page, "Demo: Anthropic with a block's stop missing (order diagnostic)");
  await page.getByTestId('side-tab-answer').click();
  await expect(page.getByTestId('answer-order')).toHaveText('1 event(s) out of protocol order: see Diagnostics');
  await page.getByTestId('answer-order').getByRole('button', { name: 'see Diagnostics' }).click();
  const order = page.locator('[data-testid="diagnostic"][data-kind="ai-order"]');
  await expect(order).toHaveCount(1);
  await expect(order.locator('strong')).toHaveText(
    'Anthropic Messages: Content block 1 (started at event #7) was not stopped before content_block_start of block 2 at event #11',
  );
  await expect(order).toContainText('Fix: Send content_block_stop for every content block');
  // The same break fails a check, as it would in `sse-studio run`.
  await page.getByTestId('details-tab-checks').click();
  await page.getByTestId('check-kind').selectOption('answer-in-order');
  await page.getByTestId('check-add').click();
  await page.getByTestId('side-tab-checks').click();
  const result = page.locator('[data-testid="check-result"][data-verdict="failed"]');
  await expect(result).toHaveCount(1);
  await expect(result).toContainText('Content block 1 (started at event #7) was not stopped before content_block_start of block 2 at event #11');
});

test('a rule of your own types records by a field and assembles a stream in no known dialect', async ({ page }) => {
  await loadExample(page, 'Demo: NDJSON records in no AI dialect, for a rule (GET)');
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reading-record_type').fill('kind');
  await page.getByTestId('reading-record_type').press('Tab');
  await expect(page.getByTestId('reading-error')).toHaveText('Record type: “kind” is not a path of names and indices ($.a.b[0]).');
  await page.getByTestId('reading-record_type').fill('$.kind');
  await page.getByTestId('reading-record_type').press('Tab');
  await expect(page.getByTestId('reading-error')).toHaveCount(0);
  await page.getByTestId('reading-text').fill('$.text');
  await page.getByTestId('reading-finish').fill('$.stop');
  await page.getByTestId('reading-finish').press('Tab');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await expect(page.getByTestId('timeline-count')).toHaveText('200 events');
  await expect(page.getByTestId('event-row-type').first()).toHaveText('end');
  await expect(page.locator('[data-testid="type-chip"][data-event-type="heartbeat"] [data-testid="type-chip-count"]')).toHaveText('1');
  await page.getByTestId('side-tab-answer').click();
  await expect(page.getByTestId('answer-dialect')).toHaveText('Your rule');
  await expect(page.getByTestId('answer-status')).toHaveText('complete');
  await expect(page.getByTestId('answer-finish-reason')).toHaveText('length');
  await expect(page.getByTestId('answer-text')).toContainText('token');
  await expect(figure(page, 'Deltas')).toHaveText('200');

  // History keeps how the stream was read: the run reopens typed and answered alike, and its
  // request comes back with the rule.
  await page.reload();
  await page.getByTestId('sidebar-tab-history').click();
  await page.getByTestId('history-item').getByRole('button').first().click();
  await expect(page.getByTestId('timeline-count')).toHaveText('200 events');
  await expect(page.getByTestId('event-row-type').first()).toHaveText('end');
  await page.getByTestId('side-tab-answer').click();
  await expect(page.getByTestId('answer-dialect')).toHaveText('Your rule');
  await expect(page.getByTestId('answer-finish-reason')).toHaveText('length');
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reading-record_type').fill('');
  await page.getByTestId('reading-text').fill('');
  await page.getByTestId('history-replay').click();
  await expect(page.getByTestId('reading-record_type')).toHaveValue('$.kind');
  await expect(page.getByTestId('reading-text')).toHaveValue('$.text');
});

test('a body of records sent with the wrong media type can be decoded as NDJSON', async ({ page }) => {
  await page.route('**/demo/echo*', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/plain',
      body: '{"model":"m","response":"Hi","done":false}\n{"model":"m","response":" there","done":true,"done_reason":"stop"}\n',
    }),
  );
  await loadExample(page, 'Demo: echo the request (GET)');
  await page.getByRole('button', { name: 'Send' }).click();
  await closeReason(page);
  await page.getByTestId('side-tab-diagnostics').click();
  await page.getByTestId('decode-as-ndjson').click();
  await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
  await page.getByTestId('side-tab-answer').click();
  await expect(page.getByTestId('answer-text')).toHaveText('Hi there');
  await expect(page.getByTestId('answer-status')).toHaveText('complete');
  // Opened offline, it has only the head that says how to decode it: nothing to fault there.
  await page.getByTestId('side-tab-diagnostics').click();
  await expect(page.getByTestId('diagnostic')).toHaveCount(0);
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addVariable, closeReason, loadExample, openWithUrl, rowTypes, expect, test } from './helpers';

/** Runs `sse-studio` (built from this repository) with `args`: its exit status and output. */
function sseStudio(args: string[]): { status: number; stdout: string } {
  const root = resolve(__dirname, '..', '..');
  try {
    const stdout = execFileSync('cargo', ['run', '-q', '-p', 'sse-studio-cli', '--', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { status: failed.status, stdout: failed.stdout };
  }
}

async function addStopRule(page: import('@playwright/test').Page, kind: string, value: string): Promise<void> {
  await page.getByTestId('details-tab-checks').click();
  await page.getByTestId('stop-rule-kind').selectOption(kind);
  await page.getByTestId('stop-rule-value').fill(value);
  await page.getByTestId('stop-rule-add').click();
  await expect(page.getByTestId('stop-rule')).toHaveCount(1);
}

test('a stop rule ends a long-lived stream cleanly after N events', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=1000&interval_ms=20');
  await addStopRule(page, 'after-events', '3');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('stopped-by-rule');
  await expect(page.getByTestId('close-entry')).toContainText('Stopped by rule: after 3 event(s)');
  await expect(page.getByTestId('event-row')).toHaveCount(3);
});

test('a stop rule ends a stream that has gone quiet', async ({ page }) => {
  // Two events, then silence for 30 s before the server would drop the connection.
  await openWithUrl(page, '/demo/broken?kind=idle-timeout&quiet_ms=30000');
  await addStopRule(page, 'idle-ms', '0.5');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('stopped-by-rule');
  await expect(page.getByTestId('close-entry')).toContainText('Stopped by rule: after 500 ms without an event');
  await expect(page.getByTestId('event-row')).toHaveCount(2);
});

test('a stop rule on an event type ends the run at the first such event', async ({ page }) => {
  // The recorded Anthropic stream has three content_block_stop events; the first ends it.
  await openWithUrl(page, '/demo/ai/anthropic-thinking-tools');
  await page.getByLabel('Method').selectOption('POST');
  await addStopRule(page, 'on-type', 'content_block_stop');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('stopped-by-rule');
  await expect(page.getByTestId('close-entry')).toContainText('Stopped by rule: on a \u201ccontent_block_stop\u201d event');
  expect((await rowTypes(page))[0]).toBe('content_block_stop');
});

test('a stop rule on data ends the run at the event that carries it', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=100&interval_ms=10');
  await addStopRule(page, 'on-data', '"n":2,');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('stopped-by-rule');
  await expect(page.getByTestId('event-row')).toHaveCount(2);
});

test('a stop rule after a time ends a stream far longer than it', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=1000&interval_ms=100');
  await addStopRule(page, 'after-ms', '0.4');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('stopped-by-rule');
  await expect(page.getByTestId('close-entry')).toContainText('Stopped by rule: after 400 ms');
  expect(await page.getByTestId('event-row').count()).toBeLessThan(10);
});

test('a check added by hand fails with the reason and the event, which opens in the inspector', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=5&interval_ms=0');
  await page.getByTestId('details-tab-checks').click();
  await page.getByTestId('check-kind').selectOption('event-count');
  await page.getByRole('textbox', { name: 'At most', exact: true }).fill('3');
  await page.getByTestId('check-add').click();
  await expect(page.getByTestId('check')).toHaveCount(1);
  await expect(page.getByTestId('check')).toContainText('At most 3 event(s)');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('side-tab-checks').click();
  const result = page.getByTestId('check-result');
  await expect(result).toHaveAttribute('data-verdict', 'failed');
  await expect(result).toContainText('Event #4 is one more than the 3 allowed');
  await result.getByTestId('check-event').click();
  await page.getByTestId('side-tab-inspector').click();
  await expect(page.getByTestId('inspector')).toContainText('"n": 4');
  // A JSON path, in the module loaded on first use.
  await page.getByTestId('check-kind').selectOption('data-path');
  await page.getByRole('textbox', { name: 'JSON path', exact: true }).fill('$.of');
  await page.getByRole('textbox', { name: 'Value', exact: true }).fill('5');
  await page.getByTestId('check-add').click();
  await page.getByTestId('side-tab-checks').click();
  await expect(page.getByTestId('check-result').nth(1)).toHaveAttribute('data-verdict', 'passed');
  await expect(page.getByTestId('check-result').nth(1)).toContainText('In every event\'s data, $.of equals 5');
  // A form's mistake is said, and adds nothing.
  await page.getByTestId('check-kind').selectOption('status');
  await page.getByRole('textbox', { name: 'Number', exact: true }).fill('ok');
  await page.getByTestId('check-add').click();
  await expect(page.getByRole('alert')).toHaveText('The status: write a whole number, e.g. 200.');
  await expect(page.getByTestId('check')).toHaveCount(2);
});

test('Save as test, saved and exported, passes in sse-studio run and fails without the terminator', async ({ page }) => {
  await page.goto('/');
  await loadExample(page, 'Demo: OpenAI tool calls');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await page.getByTestId('side-tab-checks').click();
  await page.getByTestId('save-as-test').click();
  await page.getByTestId('details-tab-checks').click();
  await expect(page.getByTestId('check')).not.toHaveCount(0);
  // Every inferred check passes on the run it came from, the JSON Schemas too (their module
  // loads on first use).
  await page.getByTestId('side-tab-checks').click();
  await expect(page.getByTestId('check-results')).toHaveAttribute('data-status', 'passed');
  await expect(page.getByTestId('check-tally')).toHaveText(/^\d+ passed$/);
  await page.getByTestId('save-request').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('collections-export').click();
  const folder = mkdtempSync(join(tmpdir(), 'sse-studio-e2e-'));
  const file = join(folder, 'collections.json');
  writeFileSync(file, readFileSync(await (await download).path(), 'utf8'));

  const passing = sseStudio(['run', file]);
  expect(passing.status, passing.stdout).toBe(0);
  expect(passing.stdout).toContain('\u2713 The AI answer is complete');
  expect(passing.stdout).toContain('\u2713 The AI stream\'s events are in protocol order');

  const elsewhere = join(folder, 'no-done.json');
  writeFileSync(elsewhere, readFileSync(file, 'utf8').replaceAll('/demo/ai/openai-chat-tools', '/demo/ai/openai-chat-no-done'));
  const junit = join(folder, 'report.xml');
  const failing = sseStudio(['run', elsewhere, '--reporter', 'junit', '--out', junit]);
  expect(failing.status, failing.stdout).toBe(1);
  expect(failing.stdout).toContain('the stream ended without data: [DONE]');
  const xml = readFileSync(junit, 'utf8');
  expect(xml).toContain('failures="1"');
  expect(xml).toContain('The answer is incomplete: the stream ended without data: [DONE]');
});

test('an exported environment runs the exported requests in sse-studio, secret values masked', async ({ page }) => {
  await page.goto('/');
  const origin = new URL(page.url()).origin;
  await addVariable(page, 'host', origin, false);
  await page.getByTestId('variable-add').click();
  await page.getByTestId('variable-name').last().fill('api_key');
  await page.getByTestId('variable-name').last().press('Tab');
  await page.getByTestId('variable-value').last().fill('sk-e2e-secret');
  await page.getByTestId('variable-value').last().press('Tab');
  await page.getByTestId('variable-secret').last().check();
  await page.getByLabel('URL').fill('{{host}}/demo/ticks?count=2&interval_ms=0');
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').uncheck();
  await page.getByTestId('details-tab-checks').click();
  await page.getByTestId('check-kind').selectOption('event-count');
  await page.getByRole('textbox', { name: 'At least', exact: true }).fill('2');
  await page.getByTestId('check-add').click();
  await page.getByTestId('save-request').click();
  const folder = mkdtempSync(join(tmpdir(), 'sse-studio-e2e-'));
  const collections = join(folder, 'collections.json');
  const environment = join(folder, 'environment.json');
  const savedCollections = page.waitForEvent('download');
  await page.getByTestId('collections-export').click();
  writeFileSync(collections, readFileSync(await (await savedCollections).path(), 'utf8'));
  const savedEnvironment = page.waitForEvent('download');
  await page.getByTestId('environment-export').click();
  const environmentText = readFileSync(await (await savedEnvironment).path(), 'utf8');
  expect(environmentText).not.toContain('sk-e2e-secret');
  expect(environmentText).toContain('\u2022\u2022\u2022');
  writeFileSync(environment, environmentText);
  const run = sseStudio(['run', collections, '--env', environment]);
  expect(run.status, run.stdout).toBe(0);
  expect(run.stdout).toContain('\u2713 At least 2 event(s)');
});

test('a check is edited in place: a budget Save as test chose, changed', async ({ page }) => {
  await openWithUrl(page, '/demo/ticks?count=3&interval_ms=0');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  await page.getByTestId('side-tab-checks').click();
  await page.getByTestId('save-as-test').click();
  await page.getByTestId('details-tab-checks').click();
  const checks = page.getByTestId('check');
  const count = await checks.count();
  const duration = checks.filter({ hasText: 'Total duration at most' });
  await duration.getByTestId('check-edit').click();
  await expect(page.getByTestId('check-kind')).toHaveValue('timing');
  await expect(page.getByRole('combobox', { name: 'Time', exact: true })).toHaveValue('duration');
  await page.getByRole('textbox', { name: 'Milliseconds', exact: true }).fill('99999');
  await page.getByTestId('check-add').click();
  await expect(checks).toHaveCount(count);
  await expect(checks.filter({ hasText: 'Total duration at most 99999 ms' })).toHaveCount(1);
  await expect(page.getByTestId('check-add')).toHaveText('Add check');
});


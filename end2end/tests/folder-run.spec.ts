import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, rowTypes, test } from './helpers';

/** A collections file: "Demos" with a ticks request at its top level and an "AI" folder of two
 * recorded OpenAI streams checked alike — one ends with `data: [DONE]`, one does not. */
function collectionsFile(origin: string, ticks: string): string {
  const ai = (id: string, name: string, path: string) => ({
    id,
    name,
    method: 'POST',
    url: `${origin}${path}`,
    headers: [],
    checks: [
      { kind: 'status', status: 200 },
      { kind: 'answer-complete' },
      { kind: 'data-path', path: '$.object', test: { op: 'equals', value: 'chat.completion.chunk' }, which: 'some' },
    ],
  });
  return JSON.stringify({
    format: 'sse-studio-collections',
    version: 2,
    collections: [
      {
        id: 'c-demos',
        name: 'Demos',
        requests: [
          {
            id: 'r-ticks',
            name: 'Ticks',
            method: 'GET',
            url: `${origin}${ticks}`,
            headers: [],
            checks: [{ kind: 'event-count', min: 3 }],
            stop_rules: [{ kind: 'after-events', count: 3 }],
          },
        ],
        folders: [
          {
            id: 'f-ai',
            name: 'AI',
            requests: [
              ai('r-done', 'Chat with tools', '/demo/ai/openai-chat-tools'),
              ai('r-no-done', 'Chat without DONE', '/demo/ai/openai-chat-no-done'),
            ],
          },
        ],
      },
    ],
  });
}

async function importDemos(page: Page, ticks = '/demo/ticks?count=10&interval_ms=0'): Promise<void> {
  await page.goto('/');
  const origin = new URL(page.url()).origin;
  await page.getByTestId('collections-import').setInputFiles({
    name: 'demos.json',
    mimeType: 'application/json',
    buffer: Buffer.from(collectionsFile(origin, ticks)),
  });
  await expect(page.getByTestId('tree-folder')).toHaveCount(1);
}

test('Run on a folder sends its requests in turn and reports each with the checks that failed, kept in history', async ({ page }) => {
  await importDemos(page);
  await page.getByRole('button', { name: 'Run the folder AI' }).click();
  const report = page.getByTestId('run-report');
  await expect(report).toHaveAttribute('data-status', 'failed');
  // The report is in the pane beside the timeline, in view all along (each run's AI answer
  // did not take its place), its tab red for the failure.
  await expect(page.getByTestId('side-tab-run')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('side-tab-run')).toHaveClass(/has-problems/);
  await expect(report).toBeVisible();
  await expect(page.getByTestId('run-report-summary')).toContainText(
    '2 request(s): 1 passed, 1 failed; 6 check(s): 5 passed, 1 did not',
  );
  const rows = page.getByTestId('run-report-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-passed', 'true');
  await expect(rows.nth(0).getByTestId('run-report-name')).toHaveText('Demos / AI / Chat with tools');
  await expect(rows.nth(1)).toHaveAttribute('data-passed', 'false');
  // Only what did not pass is listed, with why; the JSON path check (its module loaded on
  // first use) passed on both.
  await expect(rows.nth(1).getByTestId('run-report-check')).toHaveText([
    /The AI answer is complete.*the stream ended without data: \[DONE\]/,
  ]);
  // The runs were sent in a tab of their own, which holds the last one.
  await expect(page.getByTestId('request-tab')).toHaveCount(2);
  await expect(page.getByLabel('URL')).toHaveValue(/openai-chat-no-done$/);

  // The report as JUnit XML, as `sse-studio run --reporter junit` writes it.
  const download = page.waitForEvent('download');
  await page.getByTestId('run-report-junit').click();
  const xml = readFileSync(await (await download).path(), 'utf8');
  expect(xml).toContain('<testsuite name="Demos / AI" tests="2" failures="1"');
  expect(xml).toContain('The answer is incomplete: the stream ended without data: [DONE]');

  // "Open run" shows the first request's run again, from history, in its own tab beside its
  // checks, which pass there as in the report.
  await rows.nth(0).getByTestId('run-report-open').click();
  await expect(page.getByTestId('request-tab')).toHaveCount(3);
  await expect(page.getByLabel('URL')).toHaveValue(/openai-chat-tools$/);
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  expect((await rowTypes(page)).length).toBeGreaterThan(3);
  await page.getByTestId('side-tab-checks').click();
  await expect(page.getByTestId('check-results')).toHaveAttribute('data-status', 'passed');

  // Kept across a reload, in History.
  await page.reload();
  await page.getByTestId('sidebar-tab-history').click();
  const kept = page.getByTestId('run-report-item');
  await expect(kept).toHaveCount(1);
  await expect(kept).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('run-report')).toHaveCount(0);
  await kept.getByRole('button').first().click();
  await expect(page.getByTestId('run-report-row')).toHaveCount(2);
  await expect(report).toBeVisible();
  // Closed, its tab goes and the inspector is back.
  await page.getByTestId('run-report-close').click();
  await expect(page.getByTestId('side-tab-run')).toBeHidden();
  await expect(page.getByTestId('side-tab-inspector')).toHaveAttribute('aria-selected', 'true');
});

test('Stop ends a folder run: the stream in flight is closed and nothing more is sent', async ({ page }) => {
  // The ticks request would take 3 s to reach its stop rule (3 events).
  await importDemos(page, '/demo/ticks?count=1000&interval_ms=1000');
  await page.getByRole('button', { name: 'Run the collection Demos' }).click();
  await expect(page.getByTestId('run-report-summary')).toContainText('running 1 of 3');
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  await page.getByTestId('run-report-stop').click();
  await expect(page.getByTestId('run-report-summary')).toContainText('stopped after 1 of 3');
  await expect(page.getByTestId('close-entry')).toHaveAttribute('data-close-reason', 'aborted');
  const rows = page.getByTestId('run-report-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0).getByTestId('run-report-name')).toHaveText('Demos / Ticks');
  await expect(rows.nth(0).getByTestId('run-report-check')).toHaveText([/At least 3 event/]);
  await expect(page.getByTestId('run-report')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByLabel('URL')).toHaveValue(/ticks/);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeReason, loadExample, openWithUrl, expect, test, type Page } from './helpers';

/** The `sse-studio` binary (`cargo xtask test` builds it and says where). */
const cli = process.env.SSE_STUDIO_CLI ?? '../target/release/sse-studio';

/** Starts `sse-studio mock ARGS… --port 0` and resolves with it and the origin it serves on. */
async function startMock(args: string[]): Promise<[ChildProcess, string]> {
  const child = spawn(cli, ['mock', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (data: Buffer) => {
      seen += data.toString();
      const found = seen.match(/running at (http:\/\/[^/\s]+)\//);
      if (found) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`sse-studio mock exited with ${code}: ${seen}`)));
  });
  return [child, origin];
}

/** Chooses `label` in the Export menu and returns the saved file's name and path. */
async function exportAs(page: Page, label: string): Promise<[string, string]> {
  const saved = page.waitForEvent('download');
  await page.getByTestId('export-menu').selectOption({ label });
  const download = await saved;
  return [download.suggestedFilename(), await download.path()];
}

/**
 * The run's events (type, data) and their times after the response head, from its session
 * export. (From the head: the request to the mock is cross-origin, so the browser sends a
 * preflight first and its clock starts a round trip earlier than the mock's.)
 */
async function events(page: Page): Promise<{ type: string; data: string; ms: number }[]> {
  const [, path] = await exportAs(page, 'Session as JSON (.json)');
  const session = JSON.parse(await readFile(path, 'utf8'));
  return session.events.map((event: { type: string; data: string; offset_ms: number }) => ({
    type: event.type,
    data: event.data,
    ms: event.offset_ms - session.response.ms_to_headers,
  }));
}

/** The sizes of the run's network reads, from the chunk view. */
async function readSizes(page: Page): Promise<string[]> {
  await page.getByTestId('timeline-view').click();
  const sizes = await page.getByTestId('chunk-row').locator('.chunk-size').allTextContents();
  await page.getByTestId('timeline-view').click();
  return sizes;
}

/** The run's assembled answer: text, tool calls, finish reason and usage (not its timing). */
async function answer(page: Page): Promise<string[]> {
  await page.getByTestId('side-tab-answer').click();
  const shown = page.getByTestId('answer');
  await expect(shown.getByTestId('answer-status')).toHaveText('complete');
  return [
    await shown.getByTestId('answer-text').textContent(),
    ...(await shown.getByTestId('tool-call-arguments').allTextContents()),
    await shown.getByTestId('answer-finish-reason').textContent(),
    await shown.getByTestId('answer-usage').textContent(),
  ].map((text) => text ?? '');
}

test('a run exported as a mock replays the same events, answer and reads, on time', async ({ page }) => {
  await loadExample(page, 'Demo: OpenAI tool calls');
  await page.getByRole('button', { name: 'Send' }).click();
  expect(await closeReason(page)).toBe('clean');
  const original = await events(page);
  const originalReads = await readSizes(page);
  const originalAnswer = await answer(page);

  const [name, file] = await exportAs(page, 'Mock for sse-studio mock (.mock.json)');
  expect(name).toBe('openai-chat-tools.mock.json');
  await expect(page.getByTestId('toast')).toContainText(`serve it with sse-studio mock ${name}`);
  const [mock, origin] = await startMock([file]);
  try {
    // The same request, sent to the mock.
    const url = page.getByLabel('URL');
    await url.fill(`${origin}${new URL(await url.inputValue()).pathname}`);
    // The mock sends each read within a few ms of its recorded time (tests/mocks.rs holds it to
    // 20 ms over a socket); here both times are the page's own readings, which a busy machine
    // (two test workers on two cores) stalls now and then by hundreds of ms, and the page may
    // then take two reads due a few ms apart in one. So: the same events, typically within 20 ms
    // and none far off (a replay without pacing, or at the wrong speed, fails both), and the same
    // reads — in one of three sends: a stall of the page is not the mock's.
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const problems: string[] = [];
    let replayed = false;
    for (let attempt = 1; attempt <= 3 && !replayed; attempt++) {
      await page.getByRole('button', { name: 'Send' }).click();
      // The run before's end stays on screen until this one has started.
      await expect(page.getByTestId('close-entry')).toHaveCount(0, { timeout: 2000 }).catch(() => {});
      const reason = await closeReason(page);
      const mocked = await events(page);
      if (reason !== 'clean' || !same(mocked.map(({ type, data }) => [type, data]), original.map(({ type, data }) => [type, data]))) {
        problems.push(`send ${attempt}: ${reason}, ${mocked.length} of ${original.length} events`);
        continue;
      }
      const deltas = mocked.map((event, index) => Math.abs(event.ms - original[index].ms)).sort((a, b) => a - b);
      const reads = await readSizes(page);
      const onTime = deltas[Math.floor(deltas.length / 2)] < 20 && deltas[deltas.length - 1] < 100;
      replayed = onTime && same(reads, originalReads);
      if (!replayed) problems.push(`send ${attempt}: event time deltas ${deltas}; reads ${reads} (recorded ${originalReads})`);
    }
    expect(replayed, problems.join(' | ')).toBe(true);
    expect(await answer(page)).toEqual(originalAnswer);
  } finally {
    mock.kill();
  }
});

test('each fault of a mock shows in the app as the diagnostic it stands for', async ({ page }) => {
  test.setTimeout(90_000);
  const folder = await mkdtemp(join(tmpdir(), 'sse-studio-mock-'));
  const ticks = Array.from({ length: 6 }, (_, n) => `id: ${n + 1}\ndata: {"n":${n + 1}}\n\n`).join('');
  await writeFile(join(folder, 'ticks.sse'), ticks);
  const [mock, origin] = await startMock([folder, '--interval', '300']);
  // Looping, so that a stream without blank lines is still running when its finding shows.
  const [looped, loopedOrigin] = await startMock([folder, '--interval', '300', '--loop']);
  const finding = (kind: string) => page.locator(`[data-testid="diagnostic"][data-kind="${kind}"]`);
  const run = async (fault: string) => {
    await openWithUrl(page, `${origin}/ticks?_fault=${fault}`);
    await page.getByRole('button', { name: 'Send' }).click();
    return closeReason(page);
  };
  try {
    expect(await run('drop-after:2')).toBe('network-error');
    await expect(page.getByTestId('timeline-count')).toHaveText('2 events');
    expect(await run('cut-mid-event:2')).toBe('truncated');
    await expect(finding('ended-mid-event')).toBeAttached();
    expect(await run('delay-first-byte:1000')).toBe('clean');
    await page.getByTestId('side-tab-response').click();
    await expect(page.locator('[data-testid="timing-value"][data-label="Headers after"]')).toHaveText(/^1(\.\d+)? s$/);
    await run('gzip');
    await expect(finding('compressed')).toContainText('Content-Encoding: gzip');
    await run('burst:2200');
    await expect(finding('burst')).toContainText('6 events arrived at once');
    await run('content-type:text/plain');
    await expect(finding('not-event-stream')).toContainText('The response is text/plain, not text/event-stream.');
    await run('retry:5000');
    await expect(finding('retry')).toContainText('5000 ms');
    await openWithUrl(page, `${loopedOrigin}/ticks?_fault=no-blank-line`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(finding('no-dispatch')).toContainText('no event was dispatched');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  } finally {
    mock.kill();
    looped.kill();
    await rm(folder, { recursive: true });
  }
});

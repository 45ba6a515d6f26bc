// The app against a hostile server: each /demo/hostile kind in headless Chromium, against the
// app served at SSE_STUDIO_URL (started with a demo byte cap above the app's 1 GiB budget, so the
// app's own budget is what stops an endless stream). Usage: node bench/hostile.mjs (cargo xtask
// bench hostile runs it). Prints one JSON object {"results":[{kind, worst_task_ms, memory_mb,
// close_ms, outcome, …}]}: worst_task_ms is the longest main-thread task from Send to the end
// (Long Tasks API: 0 means none reached 50 ms), memory_mb the most resident memory of the
// browser's processes meanwhile (memory_before_mb before Send: the browser and the app's own),
// close_ms how long Close took to show the run closed.
import { readFileSync, readdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = process.env.SSE_STUDIO_URL;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const log = (...args) => console.error('bench hostile:', ...args);

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run'],
});

/** Resident memory of `pid` and all its descendants, in bytes (Linux /proc). */
function treeRss(pid) {
  const children = new Map();
  const rss = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(entry), kib * 1024);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const next = stack.pop();
    total += rss.get(next) ?? 0;
    stack.push(...(children.get(next) ?? []));
  }
  return total;
}

/**
 * Runs one case on a fresh page: opens the app, sets the URL to /demo/hostile?kind=…, the
 * reconnect switch as given, sends, and waits until `done(page)` resolves. Resolves with the
 * worst task, the most memory, and what `done` reported.
 */
async function measure(kind, { reconnect = false, done }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.benchLongTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask' });
  });
  await page.goto(base);
  await page.getByLabel('URL').fill(new URL(`/demo/hostile?kind=${kind}`, base).toString());
  // The reconnect switch is in the request's Settings tab.
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').setChecked(reconnect);
  await page.waitForTimeout(500);
  const before = treeRss(process.pid) - process.memoryUsage().rss;
  let memory = before;
  // The browser's processes are this one's descendants: their memory is the tree's less ours.
  const sampler = setInterval(() => {
    memory = Math.max(memory, treeRss(process.pid) - process.memoryUsage().rss);
  }, 200);
  const start = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Send' }).click();
  const outcome = await done(page);
  await page.waitForTimeout(300);
  clearInterval(sampler);
  const worst = await page.evaluate((start) => Math.max(0, ...window.benchLongTasks
    .filter(([at, duration]) => at + duration >= start).map(([, duration]) => duration)), start);
  await page.close();
  const mb = (bytes) => Math.round(bytes / 2 ** 20);
  const result = { kind, worst_task_ms: Math.round(worst), memory_mb: mb(memory), memory_before_mb: mb(before), ...outcome };
  log(JSON.stringify(result));
  return result;
}

/** Waits for the run to close (up to `seconds`) and reports its close reason and event count. */
const closes = (seconds) => async (page) => {
  await page.getByTestId('close-entry').waitFor({ timeout: seconds * 1000 });
  return {
    outcome: await page.getByTestId('close-entry').getAttribute('data-close-reason'),
    events: await page.getByTestId('timeline-count').textContent(),
  };
};

/** Presses Close after `after_ms` of streaming and reports how long the run took to show closed. */
const closedAfter = (afterMs) => async (page) => {
  await page.waitForTimeout(afterMs);
  const pressed = Date.now();
  await page.getByRole('button', { name: 'Close', exact: true }).click({ timeout: 60_000 });
  await page.getByTestId('close-entry').waitFor({ timeout: 60_000 });
  return {
    close_ms: Date.now() - pressed,
    outcome: await page.getByTestId('close-entry').getAttribute('data-close-reason'),
  };
};

/** Counts the connections a reconnecting run makes in `seconds`, then closes it. */
const connectionsIn = (seconds) => async (page) => {
  await page.waitForTimeout(seconds * 1000);
  const connections = 1 + await page.getByTestId('reconnection-entry').count();
  const stop = await page.getByTestId('reconnect-stop').textContent().catch(() => null);
  const waits = await page.getByTestId('reconnection-entry-state').allTextContents();
  await page.getByRole('button', { name: 'Close', exact: true }).click().catch(() => {});
  return { connections, stop, last_wait: waits[0] ?? null };
};

const results = [];
results.push(await measure('no-line-end', { done: closes(120) }));
results.push(await measure('text', { done: closes(120) }));
results.push(await measure('big-event', {
  done: async (page) => {
    const closed = await closes(120)(page);
    const opened = Date.now();
    await page.getByTestId('event-row').first().click();
    await page.getByTestId('inspector').waitFor();
    await page.waitForTimeout(100);
    return { ...closed, inspector_open_ms: Date.now() - opened };
  },
}));
results.push(await measure('comments', { done: closes(120) }));
results.push(await measure('data-lines', { done: closes(120) }));
results.push(await measure('types', {
  done: async (page) => {
    const closed = await closes(120)(page);
    const typed = Date.now();
    await page.getByTestId('timeline-search').fill('type-19999');
    await page.getByTestId('timeline-count').filter({ hasText: '1 of' }).waitFor({ timeout: 60_000 });
    return { ...closed, chips: await page.getByTestId('type-chip').count(), search_ms: Date.now() - typed };
  },
}));
results.push(await measure('retry-zero', { reconnect: true, done: connectionsIn(15) }));
results.push(await measure('retry-huge', { reconnect: true, done: connectionsIn(5) }));
results.push(await measure('endless', { done: closedAfter(5000) }));
results.push(await measure('endless', { done: closes(120) }));

await browser.close();
console.log(JSON.stringify({ results }));

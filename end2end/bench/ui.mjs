// The timeline's speed and memory in headless Chromium, against the app served at SSE_STUDIO_URL
// and its /demo/flood stream. Usage: node bench/ui.mjs (cargo xtask bench ui runs it). Prints one
// JSON object: events_100k_ms, longest_task_ms, ndjson_records_100k_ms, ndjson_longest_task_ms,
// heap_bytes_1m, data_bytes_1m, search_1m_ms, dom_rows_max (see issue "The event timeline and inspector, at a million events").
// longest_task_ms comes from the Long Tasks API, which reports only tasks of 50 ms or more: 0
// means no task reached 50 ms.
import { chromium } from '@playwright/test';
import { createParser } from 'eventsource-parser';

const base = process.env.SSE_STUDIO_URL;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIZE = 200;
const log = (...args) => console.error('bench ui:', ...args);

/** Bytes of event data (UTF-8) in the flood of `count` events, decoded here as a client would. */
async function dataBytes(count) {
  const response = await fetch(new URL(`/demo/flood?count=${count}&size=${SIZE}`, base));
  let bytes = 0;
  let events = 0;
  const parser = createParser({ onEvent: (event) => { events += 1; bytes += Buffer.byteLength(event.data); } });
  const decoder = new TextDecoder();
  for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
  if (events !== count) throw new Error(`the flood sent ${events} events, not ${count}`);
  return bytes;
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.addInitScript(() => {
  // The wasm exports (for its memory size), and the most timeline rows seen in the DOM at once.
  addEventListener('TrunkApplicationStarted', (event) => { window.benchWasm = event.detail.wasm; });
  window.benchRowsMax = 0;
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.benchLongTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask' });
  const countRows = () => {
    window.benchRowsMax = Math.max(window.benchRowsMax, document.querySelectorAll('[data-testid="event-row"]').length);
    requestAnimationFrame(countRows);
  };
  requestAnimationFrame(countRows);
});
await page.goto(base);
await page.waitForFunction(() => window.benchWasm !== undefined);
// One connection per flood: a GET would otherwise reconnect (and flood again) when it ends.
// The reconnect switch is in the request's Settings tab.
await page.getByTestId('details-tab-settings').click();
await page.getByTestId('reconnect-switch').uncheck();
// Start measuring once the page has settled: the long tasks counted are the stream's.
await page.waitForTimeout(1000);

/**
 * Sends a flood of `count` events (as NDJSON records when `format` is `ndjson`); resolves with [ms
 * from Send to the count showing them all, the longest main-thread task in between in ms].
 */
async function flood(count, format = '') {
  const records = format ? `&format=${format}` : '';
  await page.getByLabel('URL').fill(new URL(`/demo/flood?count=${count}&size=${SIZE}${records}`, base).toString());
  const [start, end] = await page.evaluate((count) => new Promise((resolve) => {
    const label = `${count} events`;
    const counter = () => document.querySelector('[data-testid="timeline-count"]');
    const start = performance.now();
    // The run before may have shown the same count: only a count seen after another counts.
    let cleared = counter()?.textContent !== label;
    const check = () => {
      cleared ||= counter()?.textContent !== label;
      if (cleared && counter()?.textContent === label && document.querySelector('[data-testid="close-entry"]')) {
        observer.disconnect();
        requestAnimationFrame(() => resolve([start, performance.now()]));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    [...document.querySelectorAll('button')].find((button) => button.textContent === 'Send').click();
  }), count);
  // Long-task entries are delivered a little later than the tasks end.
  await page.waitForTimeout(200);
  const longest = await page.evaluate(([start, end]) => Math.max(0, ...window.benchLongTasks
    .filter(([at, duration]) => at + duration >= start && at <= end).map(([, duration]) => duration)), [start, end]);
  return [end - start, longest];
}

const [events100kMs, longestTaskMs] = await flood(100_000);
log(`100k events shown in ${events100kMs.toFixed(0)} ms, longest task ${longestTaskMs.toFixed(0)} ms`);

const [records100kMs, recordsLongestMs] = await flood(100_000, 'ndjson');
log(`100k NDJSON records shown in ${records100kMs.toFixed(0)} ms, longest task ${recordsLongestMs.toFixed(0)} ms`);

const [ms1m, longest1m] = await flood(1_000_000);
log(`1M events shown in ${ms1m.toFixed(0)} ms, longest task ${longest1m.toFixed(0)} ms`);
const [jsHeap, wasmMemory] = await page.evaluate(() => {
  window.gc?.();
  return [performance.memory.usedJSHeapSize, window.benchWasm.memory.buffer.byteLength];
});
const heapBytes1m = jsHeap + wasmMemory;
log(`JS heap ${jsHeap} B, wasm memory ${wasmMemory} B`);
const dataBytes1m = await dataBytes(1_000_000);
log(`memory ${heapBytes1m} B for ${dataBytes1m} B of data (${(heapBytes1m / dataBytes1m).toFixed(2)}×)`);

// Enter commits the search at once (typing waits for a pause first): the text is set without an
// input event, so only Enter starts the search.
const search1mMs = await page.evaluate(() => new Promise((resolve) => {
  const counter = document.querySelector('[data-testid="timeline-count"]');
  const input = document.querySelector('[data-testid="timeline-search"]');
  input.value = '"seq":777777,';
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (counter.textContent.includes(' of ')) {
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - start));
    }
  });
  observer.observe(counter, { subtree: true, childList: true, characterData: true });
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}));
const found = await page.getByTestId('timeline-count').textContent();
log(`search over 1M: ${search1mMs.toFixed(0)} ms (${found})`);
if (found !== '1 of 1000000 events') throw new Error(`the search found "${found}", not 1 of 1000000 events`);
const domRowsMax = await page.evaluate(() => window.benchRowsMax);
await browser.close();

console.log(JSON.stringify({
  events_100k_ms: Math.round(events100kMs),
  longest_task_ms: Math.round(longestTaskMs),
  ndjson_records_100k_ms: Math.round(records100kMs),
  ndjson_longest_task_ms: Math.round(recordsLongestMs),
  heap_bytes_1m: heapBytes1m,
  data_bytes_1m: dataBytes1m,
  search_1m_ms: Math.round(search1mMs),
  dom_rows_max: domRowsMax,
}));

// Times sse-codec compiled to wasm against the JavaScript eventsource-parser (fed through
// TextDecoder), both in headless Chromium, on the corpus family the wasm module generates (the same
// bytes as the native benchmark), at 64 KiB and 1 KiB chunks.
// Usage: node bench/parser.mjs WASM_DIR   (cargo xtask bench parser runs it). Prints a JSON array.
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wasmDir = path.resolve(process.argv[2] ?? '');
const parserDir = path.join(here, '..', 'node_modules', 'eventsource-parser', 'dist');
const origin = 'http://bench.invalid';

const page = `<!doctype html><meta charset="utf-8"><script type="module">
import init, { corpus, corpus_names, BenchDecoder } from '/wasm/sse_bench.js';
import { createParser } from '/parser/index.js';
await init();
// Rounds per cell, round-robin (each round times both decoders once): the median, and the
// spread of the rounds around it, as the native benchmark reports.
const ROUNDS = 7;
const results = [];
const medianAndSpread = (ms) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return [median, (sorted[sorted.length - 1] - sorted[0]) / median * 100];
};
const round1 = (x) => Math.round(x * 10) / 10;
for (const name of corpus_names().split(',')) {
  const bytes = corpus(name);
  for (const chunkBytes of [65536, 1024]) {
    const chunks = [];
    for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
    const runs = {
      'sse-codec-wasm': () => {
        const decoder = new BenchDecoder();
        for (const chunk of chunks) decoder.feed(chunk);
        const tally = [decoder.events(), decoder.data_bytes()];
        decoder.free();
        return tally;
      },
      'eventsource-parser-js': () => {
        let events = 0, dataBytes = 0;
        const parser = createParser({ onEvent(event) { events++; dataBytes += event.data.length; } });
        const text = new TextDecoder();
        for (const chunk of chunks) parser.feed(text.decode(chunk, { stream: true }));
        return [events, dataBytes];
      },
    };
    const ms = Object.fromEntries(Object.keys(runs).map((impl) => [impl, []]));
    const tallies = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [impl, run] of Object.entries(runs)) {
        const start = performance.now();
        tallies[impl] = run();
        ms[impl].push(performance.now() - start);
      }
    }
    if (tallies['sse-codec-wasm'][0] !== tallies['eventsource-parser-js'][0]) throw new Error(name + '/' + chunkBytes + ': wasm saw ' + tallies['sse-codec-wasm'][0] + ' events, eventsource-parser ' + tallies['eventsource-parser-js'][0]);
    for (const impl of Object.keys(runs)) {
      const rates = ms[impl].map((ms) => bytes.length / 1e6 / (ms / 1000));
      const [median, spread] = medianAndSpread(rates);
      results.push({ impl, corpus: name, chunk_bytes: chunkBytes, chunks: (chunkBytes >> 10) + ' KiB', mb_per_s: round1(median), spread_pct: round1(spread) });
    }
  }
}
window.benchResults = results;
</script>`;

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const tab = await browser.newPage();
  await tab.route(`${origin}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const file = pathname === '/' ? null
      : pathname.startsWith('/wasm/') ? path.join(wasmDir, pathname.slice(6))
      : pathname.startsWith('/parser/') ? path.join(parserDir, pathname.slice(8))
      : undefined;
    if (file === undefined) return route.fulfill({ status: 404 });
    if (file === null) return route.fulfill({ body: page, contentType: 'text/html' });
    return route.fulfill({ body: await readFile(file), contentType: types[path.extname(file)] ?? 'application/octet-stream' });
  });
  const failed = new Promise((_, reject) => tab.on('pageerror', reject));
  await tab.goto(`${origin}/`);
  await Promise.race([
    tab.waitForFunction(() => window.benchResults || null, null, { timeout: 600_000, polling: 500 }),
    failed,
  ]);
  console.log(JSON.stringify(await tab.evaluate(() => window.benchResults)));
} finally {
  await browser.close();
}

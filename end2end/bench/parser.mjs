// Times sse-codec compiled to wasm against the JavaScript eventsource-parser, both in headless
// Chromium, on the corpora the wasm module generates (the same bytes as the native benchmark).
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
import init, { corpus, BenchDecoder } from '/wasm/sse_bench.js';
import { createParser } from '/parser/index.js';
await init();
const RUNS = 5;
const results = [];
const best = (run) => {
  let fastest = Infinity, tally;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    tally = run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return [fastest, tally];
};
for (const name of ['llm', 'big']) {
  const bytes = corpus(name);
  for (const chunkBytes of [65536, 1024]) {
    const chunks = [];
    for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
    const [wasmMs, wasmTally] = best(() => {
      const decoder = new BenchDecoder();
      for (const chunk of chunks) decoder.feed(chunk);
      const tally = [decoder.events(), decoder.data_bytes()];
      decoder.free();
      return tally;
    });
    const [jsMs, jsTally] = best(() => {
      let events = 0, dataBytes = 0;
      const parser = createParser({ onEvent(event) { events++; dataBytes += event.data.length; } });
      const text = new TextDecoder();
      for (const chunk of chunks) parser.feed(text.decode(chunk, { stream: true }));
      return [events, dataBytes];
    });
    if (wasmTally[0] !== jsTally[0]) throw new Error(name + '/' + chunkBytes + ': wasm saw ' + wasmTally[0] + ' events, eventsource-parser ' + jsTally[0]);
    const mbPerS = (ms) => Math.round(bytes.length / 1e6 / (ms / 1000) * 10) / 10;
    results.push({ impl: 'sse-codec-wasm', corpus: name, chunk_bytes: chunkBytes, mb_per_s: mbPerS(wasmMs) });
    results.push({ impl: 'eventsource-parser-js', corpus: name, chunk_bytes: chunkBytes, mb_per_s: mbPerS(jsMs) });
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

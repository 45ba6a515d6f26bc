// The app's download size and first render, against the app served at SSE_STUDIO_URL whose
// build is in DIST_DIR. Usage: node bench/size.mjs (cargo xtask bench size runs it). Prints one
// JSON object: gzip_bytes_total (the shell: wasm + js + css the page loads, each gzipped at
// level 9, as a static host or CDN would send them), gzip_bytes (per file),
// lazy_gzip_bytes_total and lazy_gzip_bytes (what loads on first use: the checks' matchers
// module), first_render_ms (median of 5 cold loads in headless Chromium: from navigation start
// to the Send button on screen).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const base = process.env.SSE_STUDIO_URL;
const dist = process.env.DIST_DIR;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const gzip_bytes = {};
const lazy_gzip_bytes = {};
for (const name of readdirSync(dist)) {
  if (/\.(wasm|js|css)$/.test(name) && name !== 'sw.js') {
    const size = gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
    (name.startsWith('sse-studio-matchers-wasm') ? lazy_gzip_bytes : gzip_bytes)[name] = size;
  }
}
const sum = (sizes) => Object.values(sizes).reduce((total, bytes) => total + bytes, 0);
const gzip_bytes_total = sum(gzip_bytes);
const lazy_gzip_bytes_total = sum(lazy_gzip_bytes);

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const renders = [];
for (let run = 0; run < 5; run += 1) {
  // A new context each time: a cold load, no service worker or cache from the run before.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  // Notes the moment the Send button is in the page, from inside it (no polling delay).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if ([...document.querySelectorAll('button')].some((button) => button.textContent === 'Send')) {
        window.benchFirstRender = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(base);
  await page.waitForFunction(() => window.benchFirstRender !== undefined);
  renders.push(await page.evaluate(() => window.benchFirstRender));
  await context.close();
}
await browser.close();
renders.sort((a, b) => a - b);
console.log(JSON.stringify({ gzip_bytes_total, gzip_bytes, lazy_gzip_bytes_total, lazy_gzip_bytes, first_render_ms: Math.round(renders[2]) }));

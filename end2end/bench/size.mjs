// The app's download size and first render, against the app served at SSE_STUDIO_URL whose
// build is in DIST_DIR. Usage: node bench/size.mjs (cargo xtask bench size runs it). Prints one
// JSON object: gzip_bytes_total (wasm + js + css, each gzipped at level 9, as a static host or
// CDN would send them), gzip_bytes (per file), first_render_ms (median of 5 cold loads in
// headless Chromium: from navigation start to the Send button on screen).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const base = process.env.SSE_STUDIO_URL;
const dist = process.env.DIST_DIR;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const gzip_bytes = {};
for (const name of readdirSync(dist)) {
  if (/\.(wasm|js|css)$/.test(name) && name !== 'sw.js') {
    gzip_bytes[name] = gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
  }
}
const gzip_bytes_total = Object.values(gzip_bytes).reduce((sum, bytes) => sum + bytes, 0);

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
console.log(JSON.stringify({ gzip_bytes_total, gzip_bytes, first_render_ms: Math.round(renders[2]) }));
